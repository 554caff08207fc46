package dev.paas.api.backup;

import dev.paas.api.agent.AgentRepository;
import dev.paas.api.agent.AgentRow;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.log.PlatformLog;
import dev.paas.client.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Agents' side of backups: the jobs on add-ons they run, taking one (a job taken again after an agent's
 * restart counts as another attempt, a few at most), receiving a capture's dump, and how each ended.
 */
public final class BackupJobService {
    static final String CAPTURE = "capture";
    static final String RESTORE = "restore";
    private final Transactions transactions;
    private final BackupRepository backups = new BackupRepository();
    private final RestoreRepository restores = new RestoreRepository();
    private final AgentRepository agents;
    private final BackupStore store;
    private final PlatformLog log;

    public BackupJobService(Transactions transactions, AgentRepository agents, BackupStore store, PlatformLog log) {
        this.transactions = transactions;
        this.agents = agents;
        this.store = store;
        this.log = log;
    }

    Optional<AgentRow> agent(UUID id) {
        return agents.find(transactions.dsl(), id);
    }

    /** Pending and running captures and restores on the agent's add-ons, oldest first. */
    List<Wire.BackupJob> jobs(AgentRow agent) {
        var dsl = transactions.dsl();
        var out = new ArrayList<Wire.BackupJob>();
        for (BackupRow b : backups.activeOnAgent(dsl, agent.id())) {
            backups.addon(dsl, b.addonId().toString()).ifPresent(a -> out.add(new Wire.BackupJob(b.id(), CAPTURE,
                    a.id(), b.id(), a.username(), a.password(), b.attempts())));
        }
        for (RestoreRow r : restores.activeOnAgent(dsl, agent.id())) {
            backups.addon(dsl, r.targetAddonId().toString()).ifPresent(a -> out.add(new Wire.BackupJob(r.id(),
                    RESTORE, a.id(), r.backupId(), a.username(), a.password(), r.attempts())));
        }
        return out;
    }

    /** Takes the job for the agent; a job taken too often already fails instead (409 then). */
    Wire.BackupJob claim(AgentRow agent, UUID jobId) {
        var job = jobs(agent).stream().filter(j -> j.id().equals(jobId)).findFirst()
                .orElseThrow(() -> ApiFailure.notFound("No pending or running backup job " + jobId + " on this agent."));
        boolean claimed = transactions.result(tx -> {
            boolean capture = CAPTURE.equals(job.kind());
            if (capture ? backups.claim(tx.dsl(), jobId) : restores.claim(tx.dsl(), jobId)) {
                BackupService.announce(tx, appOf(job), jobId, JobState.RUNNING);
                return true;
            }
            return false;
        });
        if (!claimed) {
            report(agent, jobId, JobState.FAILED, "tried " + JobState.MAX_ATTEMPTS + " times; its agent restarted "
                    + "each time before it ended");
            throw ApiFailure.conflict("Backup job " + jobId + " was tried too often and failed.");
        }
        return new Wire.BackupJob(job.id(), job.kind(), job.addonId(), job.backupId(), job.username(),
                job.password(), job.attempts() + 1);
    }

    /** A running capture's dump, streamed to storage; it counts once the capture is reported completed. */
    long receive(AgentRow agent, UUID backupId, InputStream dump) {
        var backup = backups.activeOnAgent(transactions.dsl(), agent.id()).stream()
                .filter(b -> b.id().equals(backupId) && JobState.RUNNING.equals(b.state())).findFirst()
                .orElseThrow(() -> ApiFailure.conflict("Backup " + backupId + " is not being captured on this agent."));
        return store.receive(backup.id(), dump);
    }

    /** The dump of a completed backup, for a restore. */
    InputStream dump(UUID backupId) throws IOException {
        var backup = backups.byId(transactions.dsl(), backupId).filter(BackupRow::completed)
                .orElseThrow(() -> ApiFailure.notFound("No completed backup " + backupId + "."));
        return store.open(backup.id());
    }

    long size(UUID backupId) {
        return store.size(backupId);
    }

    /** How a job ended; a capture completes only with its dump received. Repeated reports change nothing. */
    void report(AgentRow agent, UUID jobId, String state, String reason) {
        var job = jobs(agent).stream().filter(j -> j.id().equals(jobId)).findFirst().orElse(null);
        if (job == null) {
            return;
        }
        if (CAPTURE.equals(job.kind())) {
            finishCapture(job, state, reason);
        } else {
            transactions.run(tx -> {
                if (restores.finish(tx.dsl(), jobId, state, reason)) {
                    var restore = restores.byId(tx.dsl(), jobId).orElseThrow();
                    BackupService.announce(tx, appOf(job), jobId, state);
                    log.say(tx, appOf(job), "Restore of " + restore.backupName() + " into "
                            + restore.targetAddonName() + " " + state + (reason == null ? "" : ": " + reason));
                }
            });
        }
    }

    private void finishCapture(Wire.BackupJob job, String state, String reason) {
        long size = JobState.COMPLETED.equals(state) ? store.commit(job.id()) : -1;
        String ending = JobState.COMPLETED.equals(state) && size < 0 ? JobState.FAILED : state;
        String why = ending.equals(state) ? reason : "no dump was received";
        boolean finished = transactions.result(tx -> {
            if (backups.finish(tx.dsl(), job.id(), ending, why, ending.equals(JobState.COMPLETED) ? size : null)) {
                var backup = backups.byId(tx.dsl(), job.id()).orElseThrow();
                BackupService.announce(tx, backup.appId(), job.id(), ending);
                log.say(tx, backup.appId(), "Backup " + backup.name() + " of " + backup.addonName() + " "
                        + ending + (why == null ? " (" + size + " bytes)" : ": " + why));
                return true;
            }
            return false;
        });
        // a capture that ended otherwise meanwhile (timed out) keeps no file either
        if (!finished || !JobState.COMPLETED.equals(ending)) {
            store.delete(job.id());
        }
    }

    /** Fails captures and restores unfinished since {@code before}: their agent is gone or stuck. */
    void failOverdue(OffsetDateTime before) {
        for (BackupRow b : backups.overdue(transactions.dsl(), before)) {
            transactions.run(tx -> {
                if (backups.finish(tx.dsl(), b.id(), JobState.FAILED, "timed out: its agent did not finish it", null)) {
                    BackupService.announce(tx, b.appId(), b.id(), JobState.FAILED);
                    log.say(tx, b.appId(), "Backup " + b.name() + " of " + b.addonName() + " failed: timed out");
                }
            });
            store.delete(b.id());
        }
        for (RestoreRow r : restores.overdue(transactions.dsl(), before)) {
            transactions.run(tx -> restores.finish(tx.dsl(), r.id(), JobState.FAILED,
                    "timed out: its agent did not finish it"));
        }
    }

    private UUID appOf(Wire.BackupJob job) {
        return backups.addon(transactions.dsl(), job.addonId().toString()).map(BackupAddon::appId)
                .orElseThrow(() -> ApiFailure.notFound("The add-on of job " + job.id() + " is gone."));
    }
}
