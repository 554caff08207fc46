package dev.paas.api.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backups through the API on a real control plane and database, with the agent's side played over HTTP
 * (the real agent, pg_dump and pg_restore are in runtime-agent's BackupEndToEndTest).
 */
@ExtendWith(PlatformExtension.class)
class BackupsApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TestPlatform platform;
    private Api api;
    private String admin;
    private String owner;
    private String agentId;
    private String db;

    @BeforeEach
    void appAgentAndDatabase(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.admin = platform.admin("ops@example.com");
        this.owner = platform.user("owner@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"shop\"}").status()).isEqualTo(201);
        var agent = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        agentId = agent.json().get("id").asText();
        db = addon("shop", "heroku-postgresql");
    }

    @Test
    void a_capture_is_pending_until_its_agent_uploads_the_dump_and_then_downloads_the_same_bytes() throws Exception {
        var captured = api.post(owner, "/addons/" + db + "/backups", null);
        assertThat(captured.status()).as(captured.body()).isEqualTo(202);
        assertThat(captured.json().get("name").asText()).isEqualTo("b001");
        assertThat(captured.json().get("state").asText()).isEqualTo("pending");
        assertThat(captured.json().get("source_name").asText()).isEqualTo(db);

        JsonNode job = jobs().get(0);
        assertThat(job.get("kind").asText()).isEqualTo("capture");
        assertThat(job.get("password").asText()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(claim(job).get("attempts").asInt()).isEqualTo(1);
        assertThat(api.get(owner, "/addons/" + db + "/backups/b001").json().get("state").asText()).isEqualTo("running");
        byte[] dump = new byte[300_000];
        new Random(7).nextBytes(dump);
        assertThat(upload(job.get("backup_id").asText(), dump)).isEqualTo(200);
        end(job, "completed", null);

        var info = api.get(owner, "/addons/" + db + "/backups/b001").json();
        assertThat(info.get("state").asText()).isEqualTo("completed");
        assertThat(info.get("size_bytes").asLong()).isEqualTo(dump.length);
        var download = download(owner, "/addons/" + db + "/backups/latest/data");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Length")).hasValue(String.valueOf(dump.length));
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/octet-stream");
        assertThat(download.body()).isEqualTo(dump);
        assertThat(Files.readAllBytes(platform.backupDir().resolve(info.get("id").asText() + ".dump"))).isEqualTo(dump);
        assertThat(api.get(owner, "/apps/shop/backups").json()).extracting(b -> b.get("name").asText())
                .containsExactly("b001");
        assertThat(jobs()).as("nothing left to do").isEmpty();
    }

    @Test
    void a_second_capture_while_one_runs_is_a_conflict_and_makes_no_backup() {
        assertThat(api.post(owner, "/addons/" + db + "/backups", null).status()).isEqualTo(202);

        var second = api.post(owner, "/addons/" + db + "/backups", null);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.message()).contains("already being captured");
        assertThat(api.get(owner, "/addons/" + db + "/backups").json()).hasSize(1);
    }

    @Test
    void redis_add_ons_have_no_backups() {
        String redis = addon("shop", "heroku-redis");

        var refused = api.post(owner, "/addons/" + redis + "/backups", null);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("backups are for heroku-postgresql add-ons");
        assertThat(api.get(owner, "/addons/" + redis + "/backups").status()).isEqualTo(422);
    }

    @Test
    void another_tenant_gets_404s_and_an_attached_apps_user_cannot_delete_or_overwrite() throws Exception {
        completedBackup(new byte[] {1, 2, 3});
        String mallory = platform.user("mallory@example.com");
        for (String path : new String[] {"/addons/" + db + "/backups", "/addons/" + db + "/backups/b001",
                "/apps/shop/backups", "/addons/" + db + "/backup-schedule"}) {
            assertThat(api.get(mallory, path).status()).as(path).isEqualTo(404);
        }
        assertThat(download(mallory, "/addons/" + db + "/backups/b001/data").statusCode()).isEqualTo(404);
        assertThat(api.post(mallory, "/addons/" + db + "/backups", null).status()).isEqualTo(404);
        assertThat(api.call("DELETE", mallory, "/addons/" + db + "/backups/b001?confirm=shop", null).status())
                .isEqualTo(404);
        assertThat(api.get(mallory, "/agents/" + agentId + "/backup-jobs").status()).isEqualTo(403);

        String reader = platform.user("reader@example.com");
        assertThat(api.post(reader, "/apps", "{\"name\":\"reports\"}").status()).isEqualTo(201);
        assertThat(api.post(admin, "/addon-attachments", "{\"addon\":\"" + db + "\",\"app\":\"reports\"}").status())
                .isEqualTo(201);
        assertThat(api.get(reader, "/apps/reports/backups").json()).hasSize(1);
        assertThat(download(reader, "/addons/" + db + "/backups/b001/data").body()).containsExactly(1, 2, 3);
        assertThat(api.call("DELETE", reader, "/addons/" + db + "/backups/b001?confirm=shop", null).status())
                .isEqualTo(403);
        assertThat(api.post(reader, "/addons/" + db + "/backups/b001/restores", "{\"confirm\":\"shop\"}").status())
                .as("the owning app's data is not theirs to overwrite").isEqualTo(404);
        assertThat(api.get(owner, "/addons/" + db + "/backups").json()).hasSize(1);
    }

    @Test
    void a_restore_needs_a_completed_backup_a_postgres_target_and_the_targets_app_as_confirm() throws Exception {
        String other = addon("shop", "heroku-postgresql");
        String redis = addon("shop", "heroku-redis");
        var latest = api.get(owner, "/addons/" + db + "/backups/latest/data");
        assertThat(latest.status()).isEqualTo(404);
        assertThat(latest.message()).contains("no completed backup").contains("pg:backups:capture");
        byte[] dump = {9, 8, 7, 6};
        completedBackup(dump);
        String restores = "/addons/" + db + "/backups/b001/restores";

        var unconfirmed = api.post(owner, restores, "{\"target\":\"" + other + "\"}");
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.message()).contains("--confirm shop");
        assertThat(api.post(owner, restores, "{\"target\":\"" + other + "\",\"confirm\":\"shp\"}").message())
                .contains("got 'shp'");
        assertThat(api.post(owner, restores, "{\"target\":\"" + redis + "\",\"confirm\":\"shop\"}").status())
                .isEqualTo(422);
        assertThat(api.post(owner, restores, "{\"target\":\"nope\",\"confirm\":\"shop\"}").status()).isEqualTo(404);
        assertThat(api.post(owner, "/addons/" + db + "/backups/b009/restores", "{\"confirm\":\"shop\"}").status())
                .isEqualTo(404);
        assertThat(jobs()).isEmpty();

        var restore = api.post(owner, restores, "{\"target\":\"" + other + "\",\"confirm\":\"shop\"}");
        assertThat(restore.status()).as(restore.body()).isEqualTo(202);
        assertThat(restore.json().at("/target/name").asText()).isEqualTo(other);
        assertThat(restore.json().at("/backup/name").asText()).isEqualTo("b001");
        JsonNode job = jobs().get(0);
        assertThat(job.get("kind").asText()).isEqualTo("restore");
        assertThat(job.get("addon_id").asText()).isEqualTo(id(other));
        claim(job);
        var bytes = download(admin, "/agents/" + agentId + "/backups/" + job.get("backup_id").asText() + "/data");
        assertThat(bytes.body()).isEqualTo(dump);
        end(job, "completed", null);
        var done = api.get(owner, "/addons/" + other + "/restores/" + restore.json().get("id").asText()).json();
        assertThat(done.get("state").asText()).isEqualTo("completed");
    }

    @Test
    void a_failed_capture_says_why_and_cannot_be_downloaded() throws Exception {
        api.post(owner, "/addons/" + db + "/backups", null);
        JsonNode job = jobs().get(0);
        claim(job);
        upload(job.get("backup_id").asText(), new byte[] {1});
        end(job, "failed", "pg_dump exited with 1: out of disk");

        var info = api.get(owner, "/addons/" + db + "/backups/b001").json();
        assertThat(info.get("state").asText()).isEqualTo("failed");
        assertThat(info.get("reason").asText()).isEqualTo("pg_dump exited with 1: out of disk");
        var download = api.get(owner, "/addons/" + db + "/backups/b001/data");
        assertThat(download.status()).isEqualTo(422);
        assertThat(download.message()).contains("failed");
        assertThat(platform.backupDir().resolve(info.get("id").asText() + ".dump.part")).doesNotExist();
        assertThat(api.post(owner, "/addons/" + db + "/backups", null).json().get("name").asText()).isEqualTo("b002");
    }

    @Test
    void a_job_taken_again_after_each_of_three_agent_restarts_fails_instead_of_running_for_ever() {
        api.post(owner, "/addons/" + db + "/backups", null);
        JsonNode job = jobs().get(0);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(claim(job).get("attempts").asInt()).isEqualTo(attempt);
        }

        var fourth = api.post(admin, "/agents/" + agentId + "/backup-jobs/" + job.get("id").asText() + "/claim", null);

        assertThat(fourth.status()).isEqualTo(409);
        var info = api.get(owner, "/addons/" + db + "/backups/b001").json();
        assertThat(info.get("state").asText()).isEqualTo("failed");
        assertThat(info.get("reason").asText()).contains("tried 3 times");
        assertThat(jobs()).isEmpty();
    }

    @Test
    void deleting_a_backup_needs_its_apps_name_and_removes_its_dump() throws Exception {
        completedBackup(new byte[] {4, 2});
        String id = api.get(owner, "/addons/" + db + "/backups/b001").json().get("id").asText();

        var unconfirmed = api.delete(owner, "/addons/" + db + "/backups/b001");
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.message()).contains("--confirm shop");
        assertThat(platform.backupDir().resolve(id + ".dump")).exists();

        assertThat(api.delete(owner, "/addons/" + db + "/backups/b001?confirm=shop").status()).isEqualTo(200);

        assertThat(api.get(owner, "/addons/" + db + "/backups/b001").status()).isEqualTo(404);
        assertThat(platform.backupDir().resolve(id + ".dump")).doesNotExist();
    }

    @Test
    void a_dump_gone_from_storage_is_a_404_that_says_so() throws Exception {
        completedBackup(new byte[] {5});
        String id = api.get(owner, "/addons/" + db + "/backups/b001").json().get("id").asText();
        Files.delete(platform.backupDir().resolve(id + ".dump"));

        var download = api.get(owner, "/addons/" + db + "/backups/b001/data");

        assertThat(download.status()).isEqualTo(404);
        assertThat(download.message()).contains("missing from the platform's storage");
    }

    @Test
    void a_schedule_takes_an_hour_from_0_to_23_and_is_listed_per_app_until_removed() {
        String path = "/addons/" + db + "/backup-schedule";
        var bad = api.call("PUT", owner, path, "{\"hour_utc\":24}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.message()).contains("0 to 23").contains("got 24");
        assertThat(api.call("PUT", owner, path, "{\"hour_utc\":2,\"retain\":0}").status()).isEqualTo(422);
        assertThat(api.get(owner, "/apps/shop/backup-schedules").json()).isEmpty();

        var set = api.call("PUT", owner, path, "{\"hour_utc\":2,\"retain\":3}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("hour_utc").asInt()).isEqualTo(2);
        var listed = api.get(owner, "/apps/shop/backup-schedules").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).at("/addon/name").asText()).isEqualTo(db);
        assertThat(listed.get(0).get("retain").asInt()).isEqualTo(3);

        assertThat(api.delete(owner, path).status()).isEqualTo(204);
        assertThat(api.delete(owner, path).status()).isEqualTo(404);
        assertThat(api.get(owner, "/apps/shop/backup-schedules").json()).isEmpty();
    }

    @Test
    void an_add_on_keeps_at_most_ten_manual_backups_and_a_capture_past_them_is_refused_until_one_is_deleted()
            throws Exception {
        for (int i = 0; i < 10; i++) {
            completedBackup(("dump " + i).getBytes());
        }

        var refused = api.post(owner, "/addons/" + db + "/backups", null);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("10 manual backups").contains("pg:backups:delete");
        assertThat(api.get(owner, "/addons/" + db + "/backups").json()).hasSize(10);
        assertThat(api.delete(owner, "/addons/" + db + "/backups/b001?confirm=shop").status()).isEqualTo(200);
        assertThat(api.post(owner, "/addons/" + db + "/backups", null).status()).isEqualTo(202);
    }

    private void completedBackup(byte[] dump) throws Exception {
        assertThat(api.post(owner, "/addons/" + db + "/backups", null).status()).isEqualTo(202);
        JsonNode job = jobs().get(0);
        claim(job);
        assertThat(upload(job.get("backup_id").asText(), dump)).isEqualTo(200);
        end(job, "completed", null);
    }

    private String addon(String app, String plan) {
        var created = api.post(owner, "/apps/" + app + "/addons", "{\"plan\":\"" + plan + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String name = created.json().get("name").asText();
        var ready = api.call("PUT", admin, "/agents/" + agentId + "/addon-reports", "{\"addons\":[{\"id\":\""
                + id(name) + "\",\"state\":\"ready\"}]}");
        assertThat(ready.status()).as(ready.body()).isEqualTo(204);
        return name;
    }

    private String id(String name) {
        return api.get(owner, "/addons/" + name).json().get("id").asText();
    }

    private JsonNode jobs() {
        var jobs = api.get(admin, "/agents/" + agentId + "/backup-jobs");
        assertThat(jobs.status()).as(jobs.body()).isEqualTo(200);
        return jobs.json();
    }

    private JsonNode claim(JsonNode job) {
        var claimed = api.post(admin, "/agents/" + agentId + "/backup-jobs/" + job.get("id").asText() + "/claim", null);
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        return claimed.json();
    }

    private void end(JsonNode job, String state, String reason) {
        var ended = api.call("PUT", admin, "/agents/" + agentId + "/backup-jobs/" + job.get("id").asText(),
                "{\"state\":\"" + state + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}");
        assertThat(ended.status()).as(ended.body()).isEqualTo(204);
    }

    private int upload(String backupId, byte[] dump) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/agents/" + agentId + "/backups/"
                        + backupId + "/data")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(dump))).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<byte[]> download(String token, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Authorization", "Bearer " + token).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
