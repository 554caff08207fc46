-- The engine's last figures for each reported container, which `paas ps` shows (null until sampled).
alter table instance_reports add column memory_bytes bigint;
alter table instance_reports add column cpu_percent double precision;

-- Labs features (Heroku's app features) an app has turned on; a row is an enabled feature.
create table app_features (
    app_id     uuid        not null references apps (id) on delete cascade,
    name       text        not null,
    created_at timestamptz not null default now(),
    primary key (app_id, name)
);
