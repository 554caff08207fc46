-- Each app's recent log: its processes' output and the platform's own lines about them, as the
-- agents ship them. Kept in Postgres so that recent lines survive a control-plane restart;
-- trimmed to the newest lines per app on every write (see LogRepository).
create table log_lines (
    id         bigint generated always as identity primary key,
    app_id     uuid        not null references apps (id),
    logged_at  timestamptz not null,
    source     text        not null check (source in ('app', 'heroku')),
    dyno       text        not null check (length(dyno) between 1 and 64),
    line       text        not null check (length(line) <= 10000)
);
create index log_lines_app_idx on log_lines (app_id, id);
