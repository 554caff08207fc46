-- An add-on's memory counts in placement as a process's does (issue #13): the plan's limit, stored
-- with the add-on so the scheduler sums it in SQL. Null agent_id (already allowed) is an add-on
-- waiting for an agent with room, as an unplaced process slot waits.
alter table addons add column memory_mb int;
update addons set memory_mb = case plan
    when 'essential-0' then 256 when 'essential-1' then 512 when 'essential-2' then 1024
    when 'mini' then 64 when 'premium-0' then 256 else 256 end;
alter table addons alter column memory_mb set not null;
alter table addons add constraint addons_memory_mb_check check (memory_mb > 0);
-- the provisioning sweep looks for add-ons still provisioning
create index addons_provisioning_idx on addons (created_at) where state = 'provisioning';
