-- Writers no longer order the event log: each used to take one lock, and NOTIFY, through its commit,
-- so no two write transactions of the platform could share a WAL flush. Now writers insert events
-- with no position; a publisher (EventPublisher), one at a time under an advisory lock held through
-- its commit, gives the committed ones the next positions in insertion order and NOTIFYs once.
-- Readers follow the position: positions become visible in order, so one who has read up to N never
-- misses an N-1 published later. Ids stay internal.
alter table events add column position bigint;
update events set position = id;
create unique index events_position_key on events (position);
create index events_app_position_idx on events (app_id, position);
drop index events_app_id_idx;
-- What the publisher looks for: small, since a row leaves it once published.
create index events_unpublished_idx on events (id) where position is null;

-- The last position given. One row, changed only under the publisher's lock; a publisher that rolls
-- back gives its positions back, so positions have no gaps (and never go back, even if events go).
create table event_positions (
    one  boolean primary key default true check (one),
    last bigint  not null
);
insert into event_positions (last) select coalesce(max(id), 0) from events;

drop trigger events_notify on events;
drop function events_notify();
