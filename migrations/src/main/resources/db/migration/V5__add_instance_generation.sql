-- `paas ps:restart`: each restart of a slot bumps its generation; an agent replaces a container
-- whose generation is behind its slot's, as it does one of an older release.
alter table instances add column generation integer not null default 0 check (generation >= 0);
