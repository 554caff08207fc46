-- API processes cache who a token is (and the apps its user sees) and drop that cache on any NOTIFY
-- on paas_events. Token deletions already notify (V8); a changed token (expiry) or user (password,
-- email, admin flag, removal) must too, so that another process's cache forgets them at once.
create function users_tokens_notify_changed() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('paas_events', 'user');
    return null;
end
$$;

create trigger users_notify_changed
    after update or delete on users
    for each row execute function users_tokens_notify_changed();

create trigger api_tokens_notify_changed
    after update on api_tokens
    for each row execute function users_tokens_notify_changed();
