package dev.paas.api.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.ApiConfig;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.api.agent.AgentRepository;
import dev.paas.api.app.AppRepository;
import dev.paas.api.db.Database;
import dev.paas.api.event.EventLog;
import dev.paas.api.event.Transactions;
import dev.paas.api.log.LogRepository;
import dev.paas.api.log.PlatformLog;
import dev.paas.client.Json;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API's backup timer ({@link ScheduleService#tick}) on the real database: a round is run by the test
 * rather than waited for, with the schedule's and backups' times moved back in SQL.
 */
@ExtendWith(PlatformExtension.class)
class BackupTimerTest {
    private TestPlatform platform;
    private Api api;
    private String owner;
    private String db;
    private Database database;
    private ScheduleService timer;

    @BeforeEach
    void platformAndTimer(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        String admin = platform.admin("ops@example.com");
        owner = platform.user("owner@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"shop\"}").status()).isEqualTo(201);
        String agent = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}")
                .json().get("id").asText();
        db = api.post(owner, "/apps/shop/addons", "{\"plan\":\"heroku-postgresql\"}").json().get("name").asText();
        String id = api.get(owner, "/addons/" + db).json().get("id").asText();
        assertThat(api.call("PUT", admin, "/agents/" + agent + "/addon-reports", "{\"addons\":[{\"id\":\"" + id
                + "\",\"state\":\"ready\"}]}").status()).isEqualTo(204);

        database = new Database(ApiConfig.fromEnv(Map.of("DATABASE_URL", platform.databaseUrl(),
                "DATABASE_POOL_SIZE", "2")));
        var transactions = new Transactions(database.dsl(), new EventLog(Json.mapper()));
        var store = new BackupStore(platform.backupDir());
        var log = new PlatformLog(new LogRepository());
        var backups = new BackupService(transactions, new AppRepository(), store, log, 10);
        var jobs = new BackupJobService(transactions, new AgentRepository(), store, log);
        timer = new ScheduleService(transactions, backups, jobs, store, log, Clock.systemUTC(), Duration.ofHours(6));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_due_schedule_captures_once_and_keeps_only_the_newest_completed_ones() throws Exception {
        assertThat(api.call("PUT", owner, "/addons/" + db + "/backup-schedule", "{\"hour_utc\":0,\"retain\":1}")
                .status()).isEqualTo(200);
        timer.tick();
        assertThat(backups()).as("made today after the hour: not due before tomorrow").isEmpty();

        sql("update addon_backup_schedules set created_at = now() - interval '3 days'");
        timer.tick();
        timer.tick();
        assertThat(backups()).as("one capture per passed mark").hasSize(1);
        assertThat(backups().get(0).get("kind").asText()).isEqualTo("scheduled");

        complete("b001");
        String first = backups().get(0).get("id").asText();
        Files.write(platform.backupDir().resolve(first + ".dump"), new byte[] {1});
        sql("update addon_backups set created_at = now() - interval '2 days'");
        timer.tick();
        assertThat(backups()).extracting(b -> b.get("name").asText()).containsExactly("b002", "b001");
        complete("b002");
        timer.tick();

        assertThat(backups()).extracting(b -> b.get("name").asText()).as("retain 1").containsExactly("b002");
        assertThat(platform.backupDir().resolve(first + ".dump")).doesNotExist();
        assertThat(api.get(owner, "/apps/shop/logs?num=50").body()).contains("past the schedule's 1 kept");
    }

    @Test
    void a_job_unfinished_past_the_timeout_fails_saying_so() throws Exception {
        assertThat(api.post(owner, "/addons/" + db + "/backups", null).status()).isEqualTo(202);
        sql("update addon_backups set state = 'running', started_at = now() - interval '7 hours'");

        timer.tick();

        JsonNode backup = backups().get(0);
        assertThat(backup.get("state").asText()).isEqualTo("failed");
        assertThat(backup.get("reason").asText()).contains("timed out");
        assertThat(api.post(owner, "/addons/" + db + "/backups", null).status()).as("the add-on is free again")
                .isEqualTo(202);
    }

    private JsonNode backups() {
        return api.get(owner, "/addons/" + db + "/backups").json();
    }

    private void complete(String name) throws SQLException {
        sql("update addon_backups set state = 'completed', size_bytes = 1, finished_at = now() where number = "
                + Integer.parseInt(name.substring(1)));
    }

    private void sql(String statement) throws SQLException {
        try (var c = platform.connect(); var s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
