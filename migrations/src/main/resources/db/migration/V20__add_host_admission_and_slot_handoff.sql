-- Hosts an operator drains or removes. Liveness (status: alive/lost) is the agent's doing; admission is
-- the operator's: 'draining' takes nothing new and gives its slots away, 'removed' takes nothing and its
-- agent, should it come back, is told to run nothing until it is admitted again.
alter table agents add column admission text not null default 'admitted'
    check (admission in ('admitted', 'draining', 'removed'));

-- A web slot moving off a live host keeps its process there (at leaving_generation) until the process
-- on its new agent is reported up at the slot's generation: start before stop, across hosts.
alter table instances add column leaving_agent_id uuid references agents (id);
alter table instances add column leaving_generation integer check (leaving_generation >= 0);
alter table instances add constraint instances_leaving_whole
    check ((leaving_agent_id is null) = (leaving_generation is null));
create index instances_leaving_agent_idx on instances (leaving_agent_id) where leaving_agent_id is not null;
