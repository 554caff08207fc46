-- A report says which restart (generation) of its slot the container runs, so routers drop the
-- older one of a restarted slot once the newer one is up, and since when it is in its state (the
-- container's start, or its end once exited), so `paas ps` shows that time, not the last report's.
alter table instance_reports add column generation integer not null default 0;
alter table instance_reports add column since timestamptz;
