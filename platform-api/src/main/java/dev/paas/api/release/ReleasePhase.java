package dev.paas.api.release;

import dev.paas.api.app.AppRepository;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.event.Tx;
import dev.paas.api.formation.FormationRepository;
import dev.paas.api.instance.OneOffRepository;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.log.PlatformLog;
import dev.paas.client.DynoSize;
import dev.paas.client.EventKind;
import dev.paas.client.ProcessTypes;
import dev.paas.client.ReleaseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Heroku's release phase. A release whose process types include {@code release} is pending: its command runs once,
 * as the one-off {@code release.N} of that release (its image, its config), and nothing of the release starts until
 * it exits 0; then the release succeeds and becomes current. Another exit, a stop, a lost agent or the timeout fail
 * it, and the current release keeps running. A succeeded release may also fail later, when abandoned because its
 * processes never came up. Every change here happens under the app's row lock, as the ledger's appends do.
 */
public final class ReleasePhase {
    private final Transactions transactions;
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final FormationRepository formations;
    private final OneOffRepository oneOffs;
    private final Scheduler scheduler;
    private final PlatformLog log;
    private final Duration timeout;
    private final Clock clock;

    public ReleasePhase(Transactions transactions, AppRepository apps, ReleaseRepository releases,
                        FormationRepository formations, OneOffRepository oneOffs, Scheduler scheduler, PlatformLog log,
                        Duration timeout, Clock clock) {
        this.transactions = transactions;
        this.apps = apps;
        this.releases = releases;
        this.formations = formations;
        this.oneOffs = oneOffs;
        this.scheduler = scheduler;
        this.log = log;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Whether a new release with a {@code release} process type needs its release phase before it may run. */
    static boolean needed(Draft draft) {
        return draft.image() != null && draft.processTypes().containsKey(ProcessTypes.RELEASE);
    }

    /** In the creating transaction: places {@code release.N} on an agent; with no agent that has room, fails at once. */
    ReleaseRow begin(Tx tx, ReleaseRow created) {
        var db = tx.dsl();
        String command = created.processTypes().get(ProcessTypes.RELEASE);
        var agent = scheduler.placeOneOff(db, created.appId(), DynoSize.DEFAULT.memoryMb());
        if (agent.isEmpty()) {
            fail(tx, created, "no runtime agent had room to run the release command");
            return reread(db, created);
        }
        int number = oneOffs.createReleasePhase(db, created.appId(), created.version(), command,
                DynoSize.DEFAULT.wireName(), agent.get(), created.userId());
        releases.phaseStarted(db, created.id(), number, OffsetDateTime.now(clock).plus(timeout));
        String dyno = ProcessTypes.RELEASE + "." + number;
        tx.announce(created.appId(), EventKind.DYNO_CREATED, Map.of("name", dyno, "agent", agent.get().toString()));
        log.say(tx, created.appId(), "Running release command `" + command + "` of v" + created.version()
                + " as " + dyno);
        return reread(db, created);
    }

    /** A succeeded release: its process types join the formation, and the slots move to the current release. */
    void promote(Tx tx, ReleaseRow release) {
        promote(tx, release, null);
    }

    /** {@code current}: the app's current release when the caller knows it (it just appended it), else null. */
    void promote(Tx tx, ReleaseRow release, ReleaseRow current) {
        formations.ensureTypes(tx.dsl(), release.appId(), release.processTypes().keySet().stream()
                .filter(t -> !ProcessTypes.isReleasePhase(t)).collect(Collectors.toSet()));
        if (current == null) {
            scheduler.reschedule(tx, release.appId());
        } else {
            scheduler.reschedule(tx, release.appId(), current);
        }
    }

    /** Settles every release phase that ended or is overdue, each in its own transaction under its app's lock. */
    public void settle() {
        for (var s : releases.settling(transactions.dsl(), OffsetDateTime.now(clock))) {
            transactions.run(tx -> {
                if (apps.lockIfLive(tx.dsl(), s.appId())) {
                    settle(tx, s);
                }
            });
        }
    }

    private void settle(Tx tx, ReleaseRepository.Settling s) {
        var db = tx.dsl();
        ReleaseRow release = releases.require(db, s.appId(), s.releaseId().toString());
        if (release.status() != ReleaseStatus.PENDING) {
            return; // settled by another pass meanwhile
        }
        if (s.ended() && Integer.valueOf(0).equals(s.exitCode())) {
            releases.succeed(db, release.id());
            finished(tx, release, ReleaseStatus.SUCCEEDED, null);
            log.say(tx, release.appId(), "Release v" + release.version() + " release command succeeded");
            promote(tx, release);
        } else if (s.ended()) {
            fail(tx, release, s.exitCode() == null
                    ? "the release command was stopped before it ended (no exit status)"
                    : "the release command exited with status " + s.exitCode());
        } else if (s.overdue()) {
            oneOffs.stop(db, release.appId(), release.phaseDyno());
            fail(tx, release, "the release command timed out after " + timeout.toSeconds()
                    + " s (PAAS_RELEASE_PHASE_TIMEOUT_SECONDS) and was stopped");
        }
    }

    /**
     * Marks a succeeded release that never came up as failed, so that the app runs its previous succeeded release
     * again; the deploy watcher calls this when the new web processes crash or miss the boot timeout.
     */
    public ReleaseRow abandon(UUID appId, String idOrVersion, String reason) {
        return transactions.result(tx -> {
            var db = tx.dsl();
            apps.lock(db, appId);
            ReleaseRow release = releases.require(db, appId, idOrVersion);
            if (release.status() == ReleaseStatus.PENDING) {
                throw ApiFailure.invalid("v" + release.version() + " is still in its release phase: it is not "
                        + "serving and fails by itself if its release command does.");
            }
            if (release.status() == ReleaseStatus.FAILED) {
                throw ApiFailure.invalid("v" + release.version() + " has failed already: " + release.reason());
            }
            var current = releases.current(db, appId).orElseThrow();
            if (current.version() != release.version()) {
                throw ApiFailure.invalid("v" + release.version() + " is not the current release (v" + current.version()
                        + " is): only the release being rolled out can be abandoned.");
            }
            fail(tx, release, reason);
            scheduler.reschedule(tx, appId);
            return reread(db, release);
        });
    }

    private void fail(Tx tx, ReleaseRow release, String reason) {
        var db = tx.dsl();
        releases.fail(db, release.id(), reason);
        finished(tx, release, ReleaseStatus.FAILED, reason);
        String back = releases.current(db, release.appId()).map(r -> "; v" + r.version() + " keeps running")
                .orElse("");
        log.say(tx, release.appId(), "Release v" + release.version() + " failed: " + reason + back);
    }

    private static void finished(Tx tx, ReleaseRow release, ReleaseStatus status, String reason) {
        var payload = new java.util.HashMap<String, Object>(Map.of("release_id", release.id(),
                "version", release.version(), "status", status.wire()));
        if (reason != null) {
            payload.put("reason", reason);
        }
        tx.announce(release.appId(), EventKind.RELEASE_FINISHED, payload);
    }

    private ReleaseRow reread(org.jooq.DSLContext db, ReleaseRow release) {
        return releases.require(db, release.appId(), release.id().toString());
    }
}
