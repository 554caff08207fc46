-- An app's log drains: where the platform forwards every line of its log (syslog over TCP or TLS,
-- or HTTP(S) POSTs), as Heroku's Logplex does. delivered_id is the id of the last log_lines row the
-- drain has been sent (its cursor), so a restart of the API neither loses nor repeats more than one
-- batch. dropped counts lines skipped (the drain was too far behind, or retention removed them) that
-- the drain has not yet been told about with an L10 line; dropped_since is when the first of them went.
create table log_drains (
    id            uuid        primary key,
    app_id        uuid        not null references apps (id),
    url           text        not null check (length(url) between 1 and 2048),
    token         text        not null unique,
    delivered_id  bigint      not null default 0,
    dropped       bigint      not null default 0 check (dropped >= 0),
    dropped_since timestamptz,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (app_id, url)
);

-- When the platform received a line: retention by age goes by it, never by the time an agent claims.
alter table log_lines add column received_at timestamptz not null default now();
