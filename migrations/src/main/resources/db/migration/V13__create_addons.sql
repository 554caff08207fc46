-- Add-ons (issue #13): one container per add-on, run by the agent it is pinned to (its data is
-- in a volume on that agent's host), reached by the apps it is attached to.
create table addons (
    id         uuid primary key,
    name       text        not null check (name ~ '^[a-z][a-z0-9-]{1,62}$'),
    app_id     uuid        not null references apps (id),
    service    text        not null,
    plan       text        not null,
    state      text        not null check (state in ('provisioning', 'provisioned', 'deprovisioned')),
    agent_id   uuid        references agents (id),
    -- who asked: the release that attaches it once provisioned is theirs
    created_by uuid        references users (id),
    -- generated credentials; the agent starts the container with them, attachments' URLs carry them
    username   text        not null,
    password   text        not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
-- a name names one live add-on; a deprovisioned one frees it
create unique index addons_name_key on addons (name) where state <> 'deprovisioned';
create index addons_app_idx on addons (app_id);
create index addons_agent_idx on addons (agent_id);

-- An add-on's attachment to an app: the config var NAME_URL in that app's releases.
create table addon_attachments (
    id         uuid primary key,
    addon_id   uuid        not null references addons (id),
    app_id     uuid        not null references apps (id),
    name       text        not null check (name ~ '^[A-Z][A-Z0-9_]{0,62}$'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index addon_attachments_app_name_key on addon_attachments (app_id, name);
create index addon_attachments_addon_idx on addon_attachments (addon_id);
