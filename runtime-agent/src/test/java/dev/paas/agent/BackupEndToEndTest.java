package dev.paas.agent;

import static dev.paas.agent.AgentHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.agent.addon.DockerAddons;
import dev.paas.agent.backup.DockerBackups;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backups of a real Postgres add-on on a real control plane and agent: pg_dump runs in the add-on's
 * container, the dump is stored by the API and downloaded as stored, and pg_restore brings the same rows
 * into a new add-on, and back into the same one after they were deleted.
 */
@ExtendWith(PlatformExtension.class)
class BackupEndToEndTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String CHECKSUM = "select count(*) || ':' || md5(string_agg(body, ',' order by id)) from notes";
    private final String name = "backups-" + UUID.randomUUID().toString().substring(0, 8);
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final HttpClient http = HttpClient.newHttpClient();
    private DockerAddons addons;
    private DockerBackups backups;
    private TestPlatform platform;
    private Api api;
    private String admin;
    private AgentHarness agent;

    @BeforeEach
    void agent(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.admin = platform.admin("backups@example.com");
        this.addons = new DockerAddons(HOST, name);
        this.backups = new DockerBackups(HOST, name, Duration.ofMinutes(5));
        agent = new AgentHarness(platform.baseUrl(), admin, name, docker, "127.0.0.1", Duration.ofMillis(500), addons,
                backups);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        for (String label : List.of("paas.agent=" + name, "paas.addon.agent=" + name)) {
            for (String id : docker("ps", "-aq", "--filter", "label=" + label).lines().toList()) {
                docker("rm", "-f", id);
            }
        }
        for (String id : docker("volume", "ls", "-q", "--filter", "label=paas.addon.agent=" + name).lines().toList()) {
            docker("volume", "rm", "-f", id);
        }
        for (String label : List.of("paas.agent=" + name, "paas.addon.agent=" + name)) {
            for (String id : docker("network", "ls", "-q", "--filter", "label=" + label).lines().toList()) {
                docker("network", "rm", id);
            }
        }
        backups.close();
        addons.close();
        docker.close();
    }

    @Test
    void a_backup_restored_into_a_new_add_on_holds_the_same_rows_and_restores_deleted_rows() throws Exception {
        assertThat(api.post(admin, "/apps", "{\"name\":\"shop\"}").status()).isEqualTo(201);
        String source = provisioned("shop");
        sql(source, "create table notes (id int primary key, body text not null); "
                + "insert into notes select i, md5(i::text) from generate_series(1, 5000) i;");
        String rows = sql(source, CHECKSUM);
        assertThat(rows).startsWith("5000:");

        var captured = api.post(admin, "/addons/" + source + "/backups", null);
        assertThat(captured.status()).as(captured.body()).isEqualTo(202);
        await("b001 completed", () -> "completed".equals(state(source, "b001")));
        String id = api.get(admin, "/addons/" + source + "/backups/b001").json().get("id").asText();
        byte[] stored = Files.readAllBytes(platform.backupDir().resolve(id + ".dump"));
        assertThat(new String(stored, 0, 5, StandardCharsets.US_ASCII)).as("pg_dump's custom format").isEqualTo("PGDMP");
        var download = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/addons/" + source
                + "/backups/b001/data")).header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(stored);
        assertThat(api.get(admin, "/addons/" + source + "/backups/b001").json().get("size_bytes").asLong())
                .isEqualTo(stored.length);

        String copy = provisioned("shop");
        restore(source, copy);
        assertThat(sql(copy, CHECKSUM)).as("the new add-on holds the same rows").isEqualTo(rows);

        sql(source, "delete from notes where id > 10");
        assertThat(sql(source, "select count(*) from notes")).isEqualTo("10");
        restore(source, source);
        assertThat(sql(source, CHECKSUM)).as("the deleted rows are back").isEqualTo(rows);

        // A capture taken by an agent process that then stopped is taken again by the next one.
        agent.close();
        assertThat(api.post(admin, "/addons/" + source + "/backups", null).status()).isEqualTo(202);
        var job = api.get(admin, "/agents/" + agent.id + "/backup-jobs").json().get(0);
        assertThat(api.post(admin, "/agents/" + agent.id + "/backup-jobs/" + job.get("id").asText() + "/claim", null)
                .status()).isEqualTo(200);
        assertThat(state(source, "b002")).isEqualTo("running");
        agent = new AgentHarness(platform.baseUrl(), admin, name, docker, "127.0.0.1", Duration.ofMillis(500), addons,
                backups);
        await("b002 completed by the next agent process", () -> "completed".equals(state(source, "b002")));
    }

    private void restore(String source, String target) {
        var restore = api.post(admin, "/addons/" + source + "/backups/b001/restores", "{\"target\":\"" + target
                + "\",\"confirm\":\"shop\"}");
        assertThat(restore.status()).as(restore.body()).isEqualTo(202);
        String path = "/addons/" + target + "/restores/" + restore.json().get("id").asText();
        await("restore into " + target, () -> !api.get(admin, path).json().get("state").asText().matches(
                "pending|running"));
        var done = api.get(admin, path).json();
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("completed");
    }

    private String provisioned(String app) {
        var created = api.post(admin, "/apps/" + app + "/addons", "{\"plan\":\"heroku-postgresql\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String addon = created.json().get("name").asText();
        await(addon + " provisioned", () -> "provisioned".equals(api.get(admin, "/addons/" + addon).json()
                .get("state").asText()));
        return addon;
    }

    private String state(String addon, String backup) {
        var b = api.get(admin, "/addons/" + addon + "/backups/" + backup).json();
        assertThat(b.get("state").asText()).as(b.toString()).isNotEqualTo("failed");
        return b.get("state").asText();
    }

    /** Runs SQL in the add-on's container as its own user (local connections are trusted there). */
    private String sql(String addon, String statement) throws Exception {
        String addonId = api.get(admin, "/addons/" + addon).json().get("id").asText();
        var container = addons.list().stream().filter(c -> c.addonId().toString().equals(addonId)).findFirst()
                .orElseThrow();
        String user = docker("exec", container.containerId(), "sh", "-c", "printf %s \"$POSTGRES_USER\"").out();
        var result = docker("exec", container.containerId(), "psql", "-h", "/tmp", "-U", user, "-d", user, "-v",
                "ON_ERROR_STOP=1", "-tA", "-c", statement);
        assertThat(result.exit()).as(result.out()).isZero();
        return result.out().strip();
    }

    private record Result(int exit, String out) {
        java.util.stream.Stream<String> lines() {
            return out.lines().filter(l -> !l.isBlank());
        }
    }

    private static Result docker(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add("docker");
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out);
    }
}
