-- Heroku's release status. The ledger is append-only, so a release's outcome lives beside it:
-- `pending` while its release phase (the Procfile's `release` command, run once as the one-off
-- `release.N`, `phase_dyno` = N) runs, then `succeeded` or `failed` with the reason. A release
-- without a release phase is `succeeded` at once. The current release, which agents run, is the
-- newest `succeeded` one. A succeeded release that never came up is `failed` later (abandoned).
create table release_outcomes (
    release_id  uuid primary key references releases (id),
    status      text        not null check (status in ('pending', 'succeeded', 'failed')),
    reason      text        check (length(reason) <= 1000),
    phase_dyno  integer,
    deadline    timestamptz,
    updated_at  timestamptz not null default now(),
    check ((status = 'failed') = (reason is not null))
);
create index release_outcomes_pending_idx on release_outcomes (deadline) where status = 'pending';

-- Every release before the release phase existed ran at once.
insert into release_outcomes (release_id, status) select id, 'succeeded' from releases;

-- Outcomes only move forward: pending to succeeded or failed, succeeded to failed (abandoned);
-- a pending one is told which one-off runs its phase, and until when.
create function release_outcomes_check_transition() returns trigger
    language plpgsql as
$$
begin
    if new.release_id <> old.release_id or not (
        (old.status = 'pending' and new.status in ('pending', 'succeeded', 'failed'))
        or (old.status = 'succeeded' and new.status = 'failed')) then
        raise exception 'release outcome cannot go from % to %', old.status, new.status
            using errcode = 'check_violation';
    end if;
    return new;
end
$$;

create trigger release_outcomes_forward_only
    before update on release_outcomes
    for each row execute function release_outcomes_check_transition();

-- The release phase is a one-off of kind `release` (dyno release.N), started by the platform on
-- behalf of the release's author, who may be nobody (a release made by the platform itself).
alter table one_off_dynos add column kind text not null default 'run' check (kind in ('run', 'release'));
alter table one_off_dynos alter column created_by drop not null;
