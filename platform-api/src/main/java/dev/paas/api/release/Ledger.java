package dev.paas.api.release;

import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.event.Tx;
import dev.paas.api.log.PlatformLog;
import dev.paas.client.EventKind;
import dev.paas.client.ReleaseStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The only writer of releases. Each append locks the app's row, so concurrent writers of one app
 * take turns: versions stay gapless, and a config change is never computed from a stale release.
 */
public final class Ledger {
    /** How long a transaction that {@link #lockAhead}s waits for a lock before it gives way (under deadlock_timeout). */
    static final java.time.Duration LOCK_AHEAD_WAIT = java.time.Duration.ofMillis(500);
    private final Transactions transactions;
    private final ReleaseRepository releases;
    private final ReleasePhase releasePhase;
    private final int retainImages;
    private final PlatformLog log;

    public Ledger(Transactions transactions, ReleaseRepository releases, ReleasePhase releasePhase, PlatformLog log) {
        this(transactions, releases, releasePhase, log, Integer.MAX_VALUE);
    }

    /** @param retainImages the registry keeps the images of an app's last this many releases (the builder's rule) */
    public Ledger(Transactions transactions, ReleaseRepository releases, ReleasePhase releasePhase, PlatformLog log,
                  int retainImages) {
        this.retainImages = retainImages;
        this.transactions = transactions;
        this.log = log;
        this.releases = releases;
        this.releasePhase = releasePhase;
    }

    /**
     * Whether a new release runs its release phase (the Procfile's {@code release} command) before it may become
     * current. {@link #SKIP} is for releases the platform makes for its own config changes (Heroku skips the
     * release phase for add-on config changes): such a release succeeds at once, whatever its process types,
     * unless it is built on a release that is still pending: then it runs the phase too.
     */
    public enum Phase { RUN, SKIP }

    /** In its own transaction, appends the release that {@code next} derives from the newest release that did not fail. */
    public ReleaseRow append(UUID appId, Function<ReleaseRow, Draft> next) {
        return transactions.result(tx -> appendIn(tx, appId, Phase.RUN, base -> next.apply(base.orElseThrow(
                () -> new IllegalStateException("app " + appId + " has no release, yet every app starts with v1")))));
    }

    /** Within the caller's transaction, running the release phase when the release has one. */
    public ReleaseRow appendIn(Tx tx, UUID appId, Function<Optional<ReleaseRow>, Draft> next) {
        return appendIn(tx, appId, Phase.RUN, next);
    }

    /**
     * Within the caller's transaction; {@code next} sees the newest release that did not fail, if any (see
     * {@link ReleaseRepository#tip}). With a release phase to run, the release is pending and not current: it
     * becomes current once its release command exits 0 ({@link ReleasePhase}); otherwise it succeeds at once.
     */
    public ReleaseRow appendIn(Tx tx, UUID appId, Phase phase, Function<Optional<ReleaseRow>, Draft> next) {
        Optional<ReleaseRow> tip = lockThenTip(tx, appId);
        return append(tx, appId, phase, tip, next.apply(tip));
    }

    /**
     * Within the caller's transaction: {@code next} sees the newest release that did not fail and gives the draft
     * to append, or nothing when there is nothing to change (a config change that changes nothing). Returns the
     * release appended, or that newest release when nothing was. One lock and one read of the tip: the caller
     * decides under the lock, so no concurrent change can slip between its check and the append.
     */
    public ReleaseRow appendIfIn(Tx tx, UUID appId, Function<ReleaseRow, Optional<Draft>> next) {
        ReleaseRow tip = lockThenTip(tx, appId).orElseThrow(() -> new IllegalStateException(
                "app " + appId + " has no release, yet every app starts with v1"));
        return next.apply(tip).map(draft -> append(tx, appId, Phase.RUN, Optional.of(tip), draft)).orElse(tip);
    }

    /**
     * Locks the rows of {@code appIds} (sorted by id: see {@link ReleaseRepository#lockThenTips}) and reads their
     * tips and newest versions, all in one round trip, for this transaction's {@link #appendIfIn}s of these apps:
     * each builds on its app's tip, and most insert their release at the commit, all in one statement (see
     * {@link Known}); a second append of an app builds on the first. A
     * {@link dev.paas.api.event.GroupCommit} calls this before its writes: their locks and tips cost one round
     * trip instead of one each.
     *
     * <p>From then on the transaction waits at most {@link #LOCK_AHEAD_WAIT} for any lock, then fails. Its apps are
     * locked in id order, as no other transaction's are: an app's destroy holds that app and then locks the apps its
     * add-ons are attached to. Waiting on each other in a cycle, the two would wait until Postgres's deadlock check
     * (after 1 s) ended one of them, maybe the destroy; this way the shared transaction gives way first, and its
     * writes run again, each alone.
     */
    public void lockAhead(Tx tx, java.util.List<UUID> appIds) {
        var ahead = releases.lockThenTips(tx.dsl(), appIds, LOCK_AHEAD_WAIT);
        var known = tx.local(Known.class, Known::new);
        ahead.forEach((appId, read) -> {
            tx.lockedApp(appId);
            known.tips.put(appId, read.tip());
            known.newest.put(appId, read.newestVersion());
            known.now = read.now();
        });
    }

    /** The app's lock and tip: as {@link #lockAhead} read them, if it did and no append has used them, or read now. */
    private Optional<ReleaseRow> lockThenTip(Tx tx, UUID appId) {
        Optional<ReleaseRow> known = tx.localIfAny(Known.class).map(k -> k.tips.remove(appId)).orElse(null);
        Optional<ReleaseRow> tip = known != null ? known : releases.lockThenTip(tx.dsl(), appId);
        tx.lockedApp(appId);
        return tip;
    }

    /**
     * What {@link #lockAhead} read, for the appends of its transaction: an app's tip until an append uses it, its
     * newest version and the transaction's time. An append that defers its insert leaves its release as the app's
     * tip and newest version, for the next append of the app in the transaction (which could not read it yet).
     */
    private static final class Known {
        final Map<UUID, Optional<ReleaseRow>> tips = new java.util.HashMap<>();
        final Map<UUID, Integer> newest = new java.util.HashMap<>();
        java.time.OffsetDateTime now;

        /**
         * Whether the release may be inserted at the transaction's end, with the others of a shared transaction (see
         * {@link ReleaseRepository#deferInsert}): when the app's newest version is known, the release succeeds at
         * once (a release phase's one-off refers to its row), and the caller gave its author's email. Should one of
         * an app's releases in a transaction be deferred and a later one not, the later one's version (read from
         * the table) repeats the deferred one's: the transaction fails, and its writes run again, each alone (see
         * {@code GroupCommit}).
         */
        boolean defers(UUID appId, Draft draft, boolean runPhase) {
            return !runPhase && newest.containsKey(appId) && (draft.userId() == null || draft.userEmail() != null);
        }

        /** {@code release} was appended (and {@code deferred}: it is the app's tip, though not written yet). */
        void appended(ReleaseRow release, boolean deferred) {
            newest.computeIfPresent(release.appId(), (app, version) -> release.version());
            if (deferred) {
                tips.put(release.appId(), Optional.of(release));
            }
        }
    }

    /** Appends {@code draft}, built on {@code tip}, with the app's row locked by this transaction. */
    private ReleaseRow append(Tx tx, UUID appId, Phase phase, Optional<ReleaseRow> tip, Draft draft) {
        var db = tx.dsl();
        // A skipped phase may only skip what has passed it: a draft built on a release whose own release
        // command is still running would otherwise put that release's code in service unchecked.
        boolean tipUnchecked = tip.map(r -> r.status() == ReleaseStatus.PENDING).orElse(false);
        boolean runPhase = ReleasePhase.needed(draft) && (phase == Phase.RUN || tipUnchecked);
        Optional<Known> known = tx.localIfAny(Known.class);
        boolean deferred = known.map(k -> k.defers(appId, draft, runPhase)).orElse(false);
        ReleaseRow created = deferred
                ? releases.deferInsert(tx, appId, known.get().newest.get(appId) + 1, known.get().now, draft,
                        ReleaseStatus.SUCCEEDED)
                : releases.insert(db, appId, draft, runPhase ? ReleaseStatus.PENDING : ReleaseStatus.SUCCEEDED);
        known.ifPresent(k -> k.appended(created, deferred));
        if (!runPhase) {
            releasePhase.promote(tx, created, created); // the newest release, succeeded: the current one
        }
        tx.announce(appId, EventKind.RELEASE_CREATED, Map.of("release_id", created.id(), "version", created.version(),
                "description", created.description(), "status", created.status().wire()));
        String by = created.userEmail() == null ? "" : " by user " + created.userEmail();
        log.say(tx, appId, List.of(created.description() + by, "Release v" + created.version() + " created" + by));
        return runPhase ? releasePhase.begin(tx, created) : created;
    }

    /** Appends a copy of {@code target}'s build and config: Heroku's rollback. */
    public ReleaseRow rollback(UUID appId, String target, UUID userId) {
        // Read before the append's transaction: ledger rows never change once written.
        ReleaseRow to = releases.require(transactions.dsl(), appId, target);
        if (to.status() == ReleaseStatus.FAILED) {
            throw ApiFailure.invalid("Cannot roll back to v" + to.version() + ": it failed (" + to.reason()
                    + "). Roll back to a succeeded release (see `paas releases`).");
        }
        if (!to.hasBuild()) {
            throw ApiFailure.invalid("Cannot roll back to v" + to.version() + ": it has no build to run. "
                    + "Roll back to a release that was deployed (see `paas releases`).");
        }
        if (to.image() != null && to.image().contains("@sha256:")
                && !releases.amongNewest(transactions.dsl(), appId, to.image(), retainImages)) {
            throw ApiFailure.invalid("Cannot roll back to v" + to.version() + ": its image is no longer in the "
                    + "registry (only the images of an app's last " + retainImages + " releases are kept, "
                    + "PAAS_IMAGE_RETAIN_RELEASES). Roll back to a newer release, or push its commit again.");
        }
        return append(appId, current -> new Draft(to.buildId(), to.image(), to.processTypes(), to.config(),
                "Rollback to v" + to.version(), userId, to.healthchecks()));
    }
}
