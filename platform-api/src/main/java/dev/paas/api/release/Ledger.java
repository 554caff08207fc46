package dev.paas.api.release;

import dev.paas.api.app.AppRepository;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.event.Tx;
import dev.paas.api.formation.FormationRepository;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.log.PlatformLog;
import dev.paas.client.EventKind;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The only writer of releases. Each append locks the app's row, so concurrent writers of one app
 * take turns: versions stay gapless, and a config change is never computed from a stale release.
 */
public final class Ledger {
    private final Transactions transactions;
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final FormationRepository formations;
    private final Scheduler scheduler;
    private final PlatformLog log;

    public Ledger(Transactions transactions, AppRepository apps, ReleaseRepository releases,
                  FormationRepository formations, Scheduler scheduler, PlatformLog log) {
        this.transactions = transactions;
        this.log = log;
        this.scheduler = scheduler;
        this.apps = apps;
        this.releases = releases;
        this.formations = formations;
    }

    /** In its own transaction, appends the release that {@code next} derives from the current one. */
    public ReleaseRow append(UUID appId, Function<ReleaseRow, Draft> next) {
        return transactions.result(tx -> appendIn(tx, appId, current -> next.apply(current.orElseThrow(
                () -> new IllegalStateException("app " + appId + " has no release, yet every app starts with v1")))));
    }

    /** Within the caller's transaction; {@code next} sees the current release, if any. */
    public ReleaseRow appendIn(Tx tx, UUID appId, Function<Optional<ReleaseRow>, Draft> next) {
        var db = tx.dsl();
        apps.lock(db, appId);
        Optional<ReleaseRow> current = releases.latest(db, appId);
        Draft draft = next.apply(current);
        ReleaseRow created = releases.insert(db, appId, current.map(ReleaseRow::version).orElse(0) + 1, draft);
        formations.ensureTypes(db, appId, created.processTypes().keySet());
        scheduler.reschedule(tx, appId);
        tx.announce(appId, EventKind.RELEASE_CREATED, Map.of("release_id", created.id(), "version", created.version(),
                "description", created.description()));
        String by = created.userEmail() == null ? "" : " by user " + created.userEmail();
        log.say(db, appId, created.description() + by);
        log.say(db, appId, "Release v" + created.version() + " created" + by);
        return created;
    }

    /** Appends a copy of {@code target}'s build and config: Heroku's rollback. */
    public ReleaseRow rollback(UUID appId, String target, UUID userId) {
        // Read before the append's transaction: ledger rows never change once written.
        ReleaseRow to = releases.require(transactions.dsl(), appId, target);
        if (!to.hasBuild()) {
            throw ApiFailure.invalid("Cannot roll back to v" + to.version() + ": it has no build to run. "
                    + "Roll back to a release that was deployed (see `paas releases`).");
        }
        return append(appId, current -> new Draft(to.buildId(), to.image(), to.processTypes(), to.config(),
                "Rollback to v" + to.version(), userId, to.healthchecks()));
    }
}
