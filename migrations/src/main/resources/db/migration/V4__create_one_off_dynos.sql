-- One-off processes (`paas run`): each runs a command once against the release that was current
-- when it was asked for, on one agent, and is never restarted. `number` makes its dyno name
-- (run.1, run.2, ...), unique per app so that its log lines are its own.
create table one_off_dynos (
    id          uuid primary key,
    app_id      uuid        not null references apps (id),
    number      integer     not null check (number > 0),
    release     integer     not null,
    command     text        not null check (length(command) between 1 and 10000),
    size        text        not null,
    attach      boolean     not null,
    agent_id    uuid        not null references agents (id),
    state       text        not null default 'starting' check (state in ('starting', 'up', 'complete')),
    exit_code   integer,
    created_by  uuid        not null references users (id),
    created_at  timestamptz not null default now(),
    finished_at timestamptz
);
create unique index one_off_dynos_number_key on one_off_dynos (app_id, number);
create index one_off_dynos_agent_idx on one_off_dynos (agent_id) where state <> 'complete';
