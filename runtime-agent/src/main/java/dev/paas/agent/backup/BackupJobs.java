package dev.paas.agent.backup;

import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the control plane's captures and restores for the add-ons on this agent, each on its own thread
 * so that a long dump holds up neither the process passes nor other add-ons. A job is claimed before it
 * runs; one the API still lists as running that this process is not running was left by an earlier
 * agent process, and is claimed again (the API fails it after a few such attempts).
 */
public final class BackupJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackupJobs.class);
    private final PlatformClient client;
    private final BackupRuntime runtime;
    private final Supplier<UUID> agentId;
    private final Duration every;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Thread loop;
    private volatile boolean closed;

    public BackupJobs(PlatformClient client, BackupRuntime runtime, Supplier<UUID> agentId, Duration every) {
        this.client = client;
        this.runtime = runtime;
        this.agentId = agentId;
        this.every = every;
        this.loop = Thread.ofPlatform().name("backup-jobs").daemon().unstarted(this::run);
    }

    public BackupJobs start() {
        loop.start();
        return this;
    }

    private void run() {
        while (!closed) {
            try {
                pass();
                Thread.sleep(every);
            } catch (InterruptedException stopping) {
                return;
            }
        }
    }

    /** Lists the jobs and starts those not running here. Never throws. */
    void pass() {
        UUID agent = agentId.get();
        if (agent == null) {
            return;
        }
        try {
            for (Wire.BackupJob job : client.backupJobs(agent)) {
                if (running.add(job.id())) {
                    start(agent, job);
                }
            }
        } catch (RuntimeException unreachable) {
            LOG.warn("at=warn msg=\"cannot list backup jobs\" error=\"{}\"", unreachable.getMessage());
        }
    }

    private void start(UUID agent, Wire.BackupJob listed) {
        Wire.BackupJob job;
        try {
            job = client.claimBackupJob(agent, listed.id());
        } catch (RuntimeException e) {
            running.remove(listed.id());
            LOG.warn("at=warn msg=\"backup job not taken\" job={} error=\"{}\"", listed.id(), e.getMessage());
            return;
        }
        Thread.ofVirtual().name("backup-" + job.id()).start(() -> {
            try {
                long started = System.nanoTime();
                if ("capture".equals(job.kind())) {
                    capture(agent, job);
                } else {
                    try (var dump = client.agentBackupData(agent, job.backupId())) {
                        runtime.restore(job.addonId(), job.username(), job.password(), dump);
                    }
                }
                LOG.info("at=info msg=\"backup job completed\" job={} kind={} addon={} ms={}", job.id(), job.kind(),
                        job.addonId(), (System.nanoTime() - started) / 1_000_000);
                report(agent, job, "completed", null);
            } catch (Exception e) {
                LOG.warn("at=warn msg=\"backup job failed\" job={} kind={} error=\"{}\"", job.id(), job.kind(),
                        e.getMessage());
                report(agent, job, "failed", e.getMessage() == null ? e.toString() : e.getMessage());
            } finally {
                running.remove(job.id());
            }
        });
    }

    /** pg_dump's output goes to the API as it comes; a failed dump fails the upload, and says why. */
    private void capture(UUID agent, Wire.BackupJob job) throws InterruptedException {
        var pipe = new DumpPipe();
        var dumpFailure = new RuntimeException[1];
        var dumper = Thread.ofVirtual().start(() -> {
            try {
                // the engine hands over pg_dump's output in small frames: 64 kB pieces make fewer, larger
                // HTTP chunks, which the upload needs far less CPU for
                var out = new java.io.BufferedOutputStream(pipe.sink(), 1 << 16);
                runtime.dump(job.addonId(), job.username(), job.password(), out);
                out.flush();
                pipe.finish(null);
            } catch (RuntimeException e) {
                dumpFailure[0] = e;
                pipe.finish(e.getMessage());
            } catch (java.io.IOException e) {
                dumpFailure[0] = new java.io.UncheckedIOException("the dump could not be passed on: "
                        + e.getMessage(), e);
                pipe.finish(dumpFailure[0].getMessage());
            }
        });
        try {
            client.uploadBackup(agent, job.backupId(), pipe);
        } catch (RuntimeException uploadFailed) {
            pipe.close();
            dumper.join();
            throw dumpFailure[0] != null ? dumpFailure[0] : uploadFailed;
        }
        dumper.join();
        if (dumpFailure[0] != null) {
            throw dumpFailure[0];
        }
    }

    private void report(UUID agent, Wire.BackupJob job, String state, String reason) {
        try {
            client.reportBackupJob(agent, job.id(), state, reason);
        } catch (ApiException | java.io.UncheckedIOException e) {
            // listed again as running, it is claimed again: another attempt
            LOG.warn("at=warn msg=\"cannot report backup job\" job={} error=\"{}\"", job.id(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        loop.interrupt();
    }
}
