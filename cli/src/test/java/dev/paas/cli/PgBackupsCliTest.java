package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pg:backups commands against a real API; the agent's side (taking jobs, uploading a dump) is played
 * through the client on a thread, as pg_dump itself is the runtime-agent module's BackupEndToEndTest.
 */
class PgBackupsCliTest {
    private static final byte[] DUMP = "PGDMP fake dump bytes".getBytes();
    private static CliFixture fixture;
    private static PlatformClient agentClient;
    private static UUID agentId;
    @TempDir
    Path home;
    @TempDir
    Path work;
    private String app;
    private String addon;
    private final AtomicBoolean stop = new AtomicBoolean();
    private Thread fakeAgent;

    @BeforeAll
    static void start() throws Exception {
        fixture = new CliFixture();
        agentClient = new PlatformClient(URI.create(fixture.apiUrl()), fixture.createAdmin("agent@example.com"));
        agentId = agentClient.registerAgent(new Wire.AgentRegistration("cli-backups", "127.0.0.1", 4096)).id();
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void appWithPostgres() {
        String token = fixture.createUser("dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        assertThat(paas("", "login", "--token", token).code()).isZero();
        app = "app-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(paas("", "apps:create", app).code()).isZero();
        addon = paas("", "addons:create", "heroku-postgresql", "-a", app).out().split(" ")[0];
        agentClient.reportAddons(agentId, List.of(new Wire.AddonReport(agentClient.addon(addon).id(), "ready", null)));
        fakeAgent = Thread.ofVirtual().start(() -> {
            while (!stop.get()) {
                for (var job : agentClient.backupJobs(agentId)) {
                    agentClient.claimBackupJob(agentId, job.id());
                    if ("capture".equals(job.kind())) {
                        agentClient.uploadBackup(agentId, job.backupId(), new ByteArrayInputStream(DUMP));
                    }
                    agentClient.reportBackupJob(agentId, job.id(), "completed", null);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        stop.set(true);
        fakeAgent.join();
    }

    @Test
    void capture_list_info_download_restore_and_delete_a_backup() throws Exception {
        var captured = paas("", "pg:backups:capture", "-a", app);
        assertThat(captured.code()).as(captured.err()).isZero();
        assertThat(captured.err()).contains("Starting backup of " + addon + "... done")
                .contains("Backing up " + addon + " to b001... done, " + DUMP.length + "B");

        var list = paas("", "pg:backups", "-a", app);
        assertThat(list.out()).contains("=== Backups").contains("b001").contains("Completed").contains(addon);
        assertThat(paas("", "pg:backups:info", "b001", "-a", app).out()).contains("=== Backup b001")
                .contains("Manual").contains(DUMP.length + " bytes");

        var download = paas("", "pg:backups:download", "-a", app);
        assertThat(download.code()).as(download.err()).isZero();
        assertThat(Files.readAllBytes(work.resolve("latest.dump"))).isEqualTo(DUMP);
        assertThat(paas("", "pg:backups:download", "b001", "-a", app, "-o", "copy.dump").code()).isZero();
        assertThat(Files.readAllBytes(work.resolve("copy.dump"))).isEqualTo(DUMP);

        var unconfirmed = paas("nope\n", "pg:backups:restore", "b001", "-a", app);
        assertThat(unconfirmed.code()).isEqualTo(1);
        assertThat(unconfirmed.err()).contains("did not match " + app);
        var restored = paas("", "pg:backups:restore", "b001", "DATABASE", "-a", app, "--confirm", app);
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.err()).contains("Starting restore of b001 to " + addon + "... done")
                .contains("Restoring... done");

        assertThat(paas("", "pg:backups:delete", "b001", "-a", app, "--confirm", "other").code()).isEqualTo(1);
        var deleted = paas("", "pg:backups:delete", "b001", "-a", app, "--confirm", app);
        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(paas("", "pg:backups", "-a", app).out()).contains("No backups");
    }

    @Test
    void bad_input_is_a_clear_error_and_changes_nothing() {
        var unknown = paas("", "pg:backups:info", "b042", "-a", app);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("Couldn't find backup b042");
        var none = paas("", "pg:backups:download", "-a", app);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no completed backup");
        assertThat(work.resolve("latest.dump")).doesNotExist();
        var badAt = paas("", "pg:backups:schedule", "--at", "25:00", "-a", app);
        assertThat(badAt.code()).isEqualTo(1);
        assertThat(badAt.err()).contains("--at takes an hour in UTC");
        var noDb = paas("", "pg:backups:capture", "REPORTING", "-a", app);
        assertThat(noDb.code()).isEqualTo(1);
        assertThat(noDb.err()).contains("no Postgres attached as REPORTING");
        assertThat(paas("", "pg:backups:schedules", "-a", app).out()).contains("No backup schedules");
        assertThat(paas("", "pg:backups", "-a", app).out()).contains("No backups");
    }

    @Test
    void schedule_list_and_unschedule_daily_backups() {
        var scheduled = paas("", "pg:backups:schedule", "--at", "02:00 UTC", "--retain", "3", "-a", app);
        assertThat(scheduled.code()).as(scheduled.err()).isZero();
        assertThat(scheduled.err()).contains("Scheduling daily backups of " + addon + " at 02:00 UTC... done, keeping 3");
        assertThat(paas("", "pg:backups:schedules", "-a", app).out()).contains(addon + ": daily at 02:00 UTC (keeping 3)");

        assertThat(paas("", "pg:backups:unschedule", "-a", app).code()).isZero();

        assertThat(paas("", "pg:backups:schedules", "-a", app).out()).contains("No backup schedules");
        var again = paas("", "pg:backups:unschedule", "-a", app);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("has no backup schedule");
    }

    private CliFixture.Result paas(String stdin, String... args) {
        return fixture.paas(home, work, stdin, args);
    }
}
