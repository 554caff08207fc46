-- One deploy per app in flight: a push holds its app's pending build from the push until the
-- build ends; a second push meanwhile is refused (409) rather than racing it to the ledger.
-- A builder that was killed fails its pending builds when it starts again, which frees the app.
create unique index builds_one_pending_per_app on builds (app_id) where status = 'pending';
