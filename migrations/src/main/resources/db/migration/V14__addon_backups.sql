-- Postgres backups (issue #13's pg:backups): a dump of an add-on's database, taken by the agent that
-- runs it and kept by the API under PAAS_BACKUP_DIR (the file is named after the row's id).
create table addon_backups (
    id          uuid primary key,
    addon_id    uuid        not null references addons (id),
    -- b001, b002... per add-on, never reused while the row lives
    number      int         not null check (number > 0),
    kind        text        not null check (kind in ('capture', 'scheduled')),
    state       text        not null check (state in ('pending', 'running', 'completed', 'failed')),
    reason      text,
    size_bytes  bigint      check (size_bytes >= 0),
    -- the database dumped, as shown to users (the add-on's name at the time)
    source_name text        not null,
    -- each claim by an agent counts: a job whose agent restarted mid-way is tried again, a few times only
    attempts    int         not null default 0,
    created_by  uuid        references users (id),
    created_at  timestamptz not null default now(),
    started_at  timestamptz,
    finished_at timestamptz,
    check ((state = 'completed') = (size_bytes is not null))
);
create unique index addon_backups_number_key on addon_backups (addon_id, number);
-- one capture of an add-on at a time: a second one is a conflict
create unique index addon_backups_one_active_key on addon_backups (addon_id) where state in ('pending', 'running');

-- A restore of a completed backup into a Postgres add-on (the backup's own or another one).
create table addon_restores (
    id              uuid primary key,
    backup_id       uuid        references addon_backups (id) on delete set null,
    target_addon_id uuid        not null references addons (id),
    state           text        not null check (state in ('pending', 'running', 'completed', 'failed')),
    reason          text,
    attempts        int         not null default 0,
    created_by      uuid        references users (id),
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz
);
-- one restore into an add-on at a time
create unique index addon_restores_one_active_key on addon_restores (target_addon_id)
    where state in ('pending', 'running');

-- A daily capture at hour_utc, keeping the newest `retain` scheduled backups.
create table addon_backup_schedules (
    addon_id   uuid primary key references addons (id),
    hour_utc   int         not null check (hour_utc between 0 and 23),
    retain     int         not null check (retain between 1 and 90),
    created_at timestamptz not null default now()
);
