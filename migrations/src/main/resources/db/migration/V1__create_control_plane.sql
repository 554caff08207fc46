-- The control plane's tables. The database is the source of truth for every invariant
-- that concurrent writers could break: unique names and hostnames, gapless release
-- versions, and the append-only release ledger.

create table users (
    id         uuid primary key,
    email      text        not null check (length(email) between 3 and 254),
    admin      boolean     not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

-- Only a SHA-256 of each token is kept: a leaked table grants nothing.
create table api_tokens (
    id           uuid primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    token_sha256 bytea       not null,
    description  text        not null default '',
    created_at   timestamptz not null default now()
);
create unique index api_tokens_sha256_key on api_tokens (token_sha256);

-- Destroyed apps keep their row (the release ledger is append-only and refers to it);
-- a name is unique among live apps only, so it can be taken again after a destroy.
create table apps (
    id           uuid primary key,
    name         text        not null check (name ~ '^[a-z][a-z0-9-]{2,29}$'),
    owner_id     uuid        not null references users (id),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    destroyed_at timestamptz
);
create unique index apps_live_name_key on apps (name) where destroyed_at is null;

create table collaborators (
    id         uuid primary key,
    app_id     uuid        not null references apps (id),
    user_id    uuid        not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index collaborators_app_user_key on collaborators (app_id, user_id);

create table builds (
    id            uuid primary key,
    app_id        uuid        not null references apps (id),
    user_id       uuid        references users (id),
    status        text        not null check (status in ('pending', 'succeeded', 'failed')),
    commit_sha    text,
    buildpack     text,
    image         text,
    process_types jsonb       not null default '{}',
    output        text        not null default '',
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index builds_app_created_idx on builds (app_id, created_at);

create table releases (
    id            uuid primary key,
    app_id        uuid        not null references apps (id),
    version       integer     not null check (version > 0),
    build_id      uuid        references builds (id),
    image         text,
    process_types jsonb       not null default '{}',
    config        jsonb       not null default '{}',
    description   text        not null,
    user_id       uuid        references users (id),
    created_at    timestamptz not null default now()
);
create unique index releases_app_version_key on releases (app_id, version);

create function releases_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'releases are append-only: % is refused; roll back by appending a new release', tg_op
        using errcode = 'restrict_violation';
end
$$;

create trigger releases_append_only
    before update or delete on releases
    for each row execute function releases_refuse_change();

create trigger releases_no_truncate
    before truncate on releases
    for each statement execute function releases_refuse_change();

-- Versions are v1, v2, ... with no gap. Two writers racing for the same version are
-- stopped by releases_app_version_key; this stops a writer that skips one.
create function releases_check_version() returns trigger
    language plpgsql as
$$
declare
    expected integer;
begin
    select coalesce(max(version), 0) + 1 into expected from releases where app_id = new.app_id;
    if new.version <> expected then
        raise exception 'release version v% of app % is not the next one (v%)', new.version, new.app_id, expected
            using errcode = 'check_violation';
    end if;
    return new;
end
$$;

create trigger releases_gapless
    before insert on releases
    for each row execute function releases_check_version();

create table formations (
    id         uuid primary key,
    app_id     uuid        not null references apps (id),
    type       text        not null check (type ~ '^[A-Za-z0-9_-]{1,30}$'),
    quantity   integer     not null check (quantity between 0 and 100),
    size       text        not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index formations_app_type_key on formations (app_id, type);

create table domains (
    id         uuid primary key,
    app_id     uuid        not null references apps (id),
    hostname   text        not null check (hostname = lower(hostname)),
    kind       text        not null check (kind in ('heroku', 'custom')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index domains_hostname_key on domains (hostname);

-- Every change to the control plane appends one row here in the same transaction.
-- Watchers read rows after an id and are woken by NOTIFY. Writers take a transaction
-- advisory lock before inserting (see EventLog), so ids become visible in id order.
create table events (
    id         bigint generated always as identity primary key,
    app_id     uuid        references apps (id),
    kind       text        not null,
    payload    jsonb       not null default '{}',
    created_at timestamptz not null default now()
);
create index events_app_id_idx on events (app_id, id);

create function events_notify() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('paas_events', new.id::text);
    return null;
end
$$;

create trigger events_notify
    after insert on events
    for each row execute function events_notify();

-- Watchers call this on a connection of their own to be woken by events_notify.
create function paas_listen() returns void
    language plpgsql as
$$
begin
    listen paas_events;
end
$$;
