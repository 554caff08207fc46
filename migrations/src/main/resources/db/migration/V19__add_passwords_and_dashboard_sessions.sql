-- The dashboard: users may sign in with a password (tokens stay for the CLI and the API), and a
-- signed-in browser holds a session. Only a PBKDF2 hash of the password is kept (its parameters in
-- the value), and only the SHA-256 of a session's id, so a copy of this table opens no session.
alter table users add column password_hash text;

create table dashboard_sessions (
    id_sha256  bytea primary key,
    user_id    uuid not null references users (id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index dashboard_sessions_user_idx on dashboard_sessions (user_id);
create index dashboard_sessions_expiry_idx on dashboard_sessions (expires_at);
