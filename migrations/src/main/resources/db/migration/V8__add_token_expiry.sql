-- API tokens become Heroku-style OAuth authorizations: their owner lists and revokes them, and
-- they may expire. The tokens that exist already (create-user's) stay valid, without expiry.
alter table api_tokens add column expires_at timestamptz;
alter table api_tokens add column updated_at timestamptz not null default now();
update api_tokens set updated_at = created_at;
create index api_tokens_user_idx on api_tokens (user_id, created_at);

-- Open streams (log tails, /events) re-check their token when woken: a revocation wakes them,
-- however the row goes (revoked, or its user deleted).
create function api_tokens_notify_revoked() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('paas_events', 'token');
    return old;
end
$$;

create trigger api_tokens_notify_revoked
    after delete on api_tokens
    for each row execute function api_tokens_notify_revoked();
