-- Each process type's health checks from the pushed app.json (Dokku's format, defaults filled in),
-- as the builder reported them: a release carries its build's, and agents run them with its processes.
alter table builds add column healthchecks jsonb not null default '{}';
alter table releases add column healthchecks jsonb not null default '{}';
