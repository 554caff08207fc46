-- Runtime agents (one per Docker host) and the placement of each formation slot on one of them.

create table agents (
    id                uuid primary key,
    name              text        not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$'),
    address           text        not null,
    memory_mb         integer     not null check (memory_mb > 0),
    status            text        not null default 'alive' check (status in ('alive', 'lost')),
    last_heartbeat_at timestamptz not null default now(),
    created_at        timestamptz not null default now()
);
create unique index agents_name_key on agents (name);

-- One row per slot of an app's formation (web.1, web.2, worker.1). The release a slot runs is
-- not stored: it is always the app's current release, so a deploy or rollback moves every slot.
create table instances (
    id         uuid primary key,
    app_id     uuid        not null references apps (id),
    type       text        not null,
    index      integer     not null check (index between 1 and 100),
    agent_id   uuid        references agents (id),
    created_at timestamptz not null default now()
);
create unique index instances_slot_key on instances (app_id, type, index);
create index instances_agent_idx on instances (agent_id);

-- What agents last reported of the containers in each slot, for `paas ps` and the router.
create table instance_reports (
    agent_id     uuid        not null references agents (id),
    container_id text        not null,
    app_id       uuid        not null references apps (id),
    type         text        not null,
    index        integer     not null,
    release      integer     not null,
    state        text        not null check (state in ('starting', 'up', 'crashed', 'down')),
    host         text,
    port         integer,
    exit_code    integer,
    updated_at   timestamptz not null default now(),
    primary key (agent_id, container_id)
);
create index instance_reports_app_idx on instance_reports (app_id);
