-- HTTPS (issue #15): certificates served by routers by SNI, uploaded by users or issued by an ACME CA.

-- Per-app HTTPS options, and whether the platform obtains the app's certificates itself (Heroku's ACM).
alter table apps
    add column acm            boolean not null default false,
    add column https_redirect boolean not null default false,
    add column hsts           boolean not null default false;

-- A certificate chain (leaf first) and its private key, encrypted with PAAS_SECRETS_KEY (AES-GCM:
-- 12-byte nonce then ciphertext and tag). cert_domains are the names the leaf is valid for (its SANs);
-- which of the app's domains it serves is decided when the feed is read, as domains come and go.
create table certificates (
    id             uuid primary key,
    app_id         uuid        not null references apps (id) on delete cascade,
    name           text        not null,
    source         text        not null check (source in ('uploaded', 'acm')),
    chain_pem      text        not null,
    key_sealed     bytea       not null,
    cert_domains   text[]      not null,
    subject        text        not null,
    issuer         text        not null,
    self_signed    boolean     not null,
    -- the chain ends at a root the JDK trusts (Heroku's ca_signed?)
    ca_signed      boolean     not null,
    not_before     timestamptz not null,
    not_after      timestamptz not null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create unique index certificates_name_key on certificates (name);
create index certificates_app_idx on certificates (app_id);

-- ACM's state for each custom domain of an app with acm on: Heroku's acm_status (pending, ok,
-- failing, failed) and its reason; failures are retried with backoff until next_attempt_at.
create table acm_domains (
    domain_id       uuid primary key references domains (id) on delete cascade,
    app_id          uuid        not null references apps (id) on delete cascade,
    status          text        not null check (status in ('pending', 'ok', 'failing', 'failed')),
    reason          text,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    certificate_id  uuid        references certificates (id) on delete set null,
    updated_at      timestamptz not null default now()
);
create index acm_domains_app_idx on acm_domains (app_id);

-- Answers to pending HTTP-01 challenges, served by routers at /.well-known/acme-challenge/TOKEN.
create table acme_challenges (
    token             text primary key,
    key_authorization text        not null,
    domain_id         uuid        not null references domains (id) on delete cascade,
    created_at        timestamptz not null default now()
);

-- The platform's account with an ACME directory: its key pair (PEM, sealed as certificates' keys).
create table acme_accounts (
    directory_url text primary key,
    key_sealed    bytea       not null,
    created_at    timestamptz not null default now()
);
