package dev.paas.api.release;

import dev.paas.api.app.AppRepository;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventLog;
import dev.paas.api.formation.FormationRepository;
import dev.paas.api.instance.Scheduler;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * The only writer of releases. Each append locks the app's row, so concurrent writers of one app
 * take turns: versions stay gapless, and a config change is never computed from a stale release.
 */
public final class Ledger {
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final FormationRepository formations;
    private final EventLog events;
    private final Scheduler scheduler;
    private final dev.paas.api.log.PlatformLog log;

    public Ledger(AppRepository apps, ReleaseRepository releases, FormationRepository formations, EventLog events,
                  Scheduler scheduler, dev.paas.api.log.PlatformLog log) {
        this.log = log;
        this.scheduler = scheduler;
        this.apps = apps;
        this.releases = releases;
        this.formations = formations;
        this.events = events;
    }

    /** In its own transaction, appends the release that {@code next} derives from the current one. */
    public ReleaseRow append(DSLContext dsl, UUID appId, Function<ReleaseRow, Draft> next) {
        return dsl.transactionResult(cfg -> appendIn(cfg.dsl(), appId, current -> next.apply(current.orElseThrow(
                () -> new IllegalStateException("app " + appId + " has no release, yet every app starts with v1")))));
    }

    /** Within the caller's transaction; {@code next} sees the current release, if any. */
    public ReleaseRow appendIn(DSLContext tx, UUID appId, Function<Optional<ReleaseRow>, Draft> next) {
        apps.lock(tx, appId);
        Optional<ReleaseRow> current = releases.latest(tx, appId);
        Draft draft = next.apply(current);
        ReleaseRow created = releases.insert(tx, appId, current.map(ReleaseRow::version).orElse(0) + 1, draft);
        formations.ensureTypes(tx, appId, created.processTypes().keySet());
        scheduler.reschedule(tx, appId);
        events.append(tx, appId, "release.created", Map.of("release_id", created.id(), "version", created.version(),
                "description", created.description()));
        String by = created.userEmail() == null ? "" : " by user " + created.userEmail();
        log.say(tx, appId, created.description() + by);
        log.say(tx, appId, "Release v" + created.version() + " created" + by);
        return created;
    }

    /** Appends a copy of {@code target}'s build and config: Heroku's rollback. */
    public ReleaseRow rollback(DSLContext dsl, UUID appId, String target, UUID userId) {
        // Read before the append's transaction: ledger rows never change once written.
        ReleaseRow to = releases.require(dsl, appId, target);
        if (!to.hasBuild()) {
            throw ApiFailure.invalid("Cannot roll back to v" + to.version() + ": it has no build to run. "
                    + "Roll back to a release that was deployed (see `paas releases`).");
        }
        return append(dsl, appId, current -> new Draft(to.buildId(), to.image(), to.processTypes(), to.config(),
                "Rollback to v" + to.version(), userId));
    }
}
