package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real heroku CLI against the platform as {@code bin/platform up} starts it: the commands a
 * Heroku user types work unchanged with {@code HEROKU_HOST} and {@code HEROKU_API_KEY} pointed here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HerokuCliTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path dir;
    private static LocalPlatform platform;
    private static HerokuCli heroku;
    private static Path repo;
    private static String admin;
    private static String other;

    @BeforeAll
    static void platformUpAndCliInstalled() throws Exception {
        platform = new LocalPlatform(dir); // assigned first, so that a failed start is still torn down
        platform.up();
        heroku = HerokuCli.install(dir.resolve("home"), platform.apiUrl());
        admin = platform.adminToken();
        other = Shell.run(dir, Map.of("DATABASE_URL", platform.setting("DATABASE_URL")), Duration.ofMinutes(2),
                List.of(LocalPlatform.javaBin(), "-jar", platform.runDir().resolve("platform-api.jar").toString(),
                        "create-user", "other@example.com")).orFail("create-user").output().lines()
                .filter(l -> l.startsWith("paas_")).findFirst().orElseThrow();
        repo = Files.createDirectories(dir.resolve("clidemo"));
        git("init", "-q", "-b", "main");
        git("config", "user.email", "dev@example.com");
        git("config", "user.name", "Dev");
        Files.writeString(repo.resolve("package.json"), """
                {"name": "clidemo", "version": "1.0.0", "private": true,
                 "scripts": {"start": "node server.js"}, "engines": {"node": ">=18"}}
                """);
        Files.writeString(repo.resolve("server.js"), """
                const http = require('http');
                http.createServer((req, res) => res.end((process.env.GREETING || 'hello') + ' from ' + process.env.DYNO + '\\n'))
                  .listen(process.env.PORT, () => console.log('listening on ' + process.env.PORT));
                process.on('SIGTERM', () => process.exit(0));
                """);
        git("add", ".");
        git("commit", "-q", "-m", "v1");
    }

    @AfterAll
    static void platformDown() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void whoami_apps_create_and_a_git_push_deploy() throws Exception {
        assertThat(ok(admin, "auth:whoami")).contains("admin@");
        assertThat(ok(admin, "apps:create", "clidemo")).contains("clidemo").contains("http://clidemo.localhost");
        String remote = platform.gitUrl().replace("http://", "http://heroku:" + admin + "@") + "/clidemo.git";

        assertThat(git("push", remote, "main").output()).contains("Released v");

        await("clidemo.localhost serves the app", () -> get("clidemo.localhost").contains("hello from web.1"));
    }

    @Test
    @Order(2)
    void apps_lists_and_apps_info_describes_the_app() {
        assertThat(ok(admin, "apps")).contains("Apps").contains("clidemo");

        assertThat(ok(admin, "apps:info", "-a", "clidemo")).contains("=== clidemo")
                .contains("Web URL:").contains("http://clidemo.localhost").contains("Owner:")
                .containsPattern("Dynos:\\s+web: 1");
    }

    @Test
    @Order(3)
    void config_set_get_list_and_unset() {
        assertThat(ok(admin, "config:set", "GREETING=hi", "EXTRA=1", "-a", "clidemo")).contains("done");
        assertThat(ok(admin, "config:get", "GREETING", "-a", "clidemo").strip()).endsWith("hi");
        assertThat(ok(admin, "config", "-a", "clidemo")).contains("GREETING:").contains("EXTRA:");
        ok(admin, "config:unset", "EXTRA", "-a", "clidemo");

        assertThat(ok(admin, "config", "-a", "clidemo")).doesNotContain("EXTRA");
        await("the new config served", () -> get("clidemo.localhost").contains("hi from web."));
    }

    @Test
    @Order(4)
    void releases_list_info_output_and_rollback() {
        String list = ok(admin, "releases", "-a", "clidemo");
        assertThat(list).contains("Set GREETING, EXTRA config vars").contains("Deploy ");
        String deploy = list.lines().filter(l -> l.contains("Deploy ")).findFirst().orElseThrow();
        String version = deploy.strip().split("\\s+")[0];

        assertThat(ok(admin, "releases:info", version, "-a", "clidemo")).contains("=== Release " + version)
                .contains("Deploy ");
        assertThat(run(admin, "releases:output", "-a", "clidemo").output()).contains("no release output");
        assertThat(ok(admin, "releases:rollback", version, "-a", "clidemo")).contains("Rolling back")
                .contains("done");

        await("the deploy's config served again", () -> get("clidemo.localhost").contains("hello from web."));
        assertThat(ok(admin, "releases", "-a", "clidemo")).contains("Rollback to " + version);
    }

    @Test
    @Order(5)
    void ps_lists_scales_restarts_and_stops() {
        await("web.1 up", () -> ok(admin, "ps", "-a", "clidemo").contains("web.1: up"));

        assertThat(ok(admin, "ps:scale", "web=2", "-a", "clidemo")).contains("web at 2");
        await("web.2 up", () -> ok(admin, "ps", "-a", "clidemo").contains("web.2: up"));
        assertThat(ok(admin, "ps:scale", "web-1", "-a", "clidemo")).contains("web at 1");
        assertThat(ok(admin, "ps:restart", "web.1", "-a", "clidemo")).contains("done");
        assertThat(ok(admin, "ps:stop", "--dyno-name", "web.1", "-a", "clidemo")).contains("done");

        await("web.1 up again", () -> ok(admin, "ps", "-a", "clidemo").contains("web.1: up"));
        await("clidemo.localhost serves", () -> get("clidemo.localhost").contains("from web.1"));
    }

    @Test
    @Order(6)
    void domains_add_list_and_remove() {
        assertThat(ok(admin, "domains:add", "www.clidemo.test", "-a", "clidemo")).contains("www.clidemo.test")
                .contains("done");
        assertThat(ok(admin, "domains", "-a", "clidemo")).contains("clidemo.localhost").contains("www.clidemo.test");
        await("the router serves the custom domain", () -> get("www.clidemo.test").contains("from web."));

        ok(admin, "domains:remove", "www.clidemo.test", "-a", "clidemo");
        assertThat(ok(admin, "domains", "-a", "clidemo")).doesNotContain("www.clidemo.test");
    }

    @Test
    @Order(7)
    void access_add_list_and_remove_decides_who_sees_the_app() {
        assertThat(run(other, "apps:info", "-a", "clidemo").output()).contains("Couldn't find that app");
        assertThat(ok(admin, "access:add", "other@example.com", "-a", "clidemo")).contains("done");
        assertThat(ok(admin, "access", "-a", "clidemo")).contains("other@example.com").contains("collaborator");
        assertThat(ok(other, "apps")).contains("Collaborated Apps").contains("clidemo");
        assertThat(ok(other, "logs", "-a", "clidemo", "-n", "5")).contains("heroku[");

        ok(admin, "access:remove", "other@example.com", "-a", "clidemo");

        var refused = run(other, "logs", "-a", "clidemo");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.output()).contains("Couldn't find that app");
        assertThat(ok(other, "apps")).contains("You have no apps.");
    }

    @Test
    @Order(8)
    void logs_shows_recent_lines_and_tail_follows_new_ones() throws Exception {
        get("clidemo.localhost");
        assertThat(ok(admin, "logs", "-a", "clidemo", "-n", "300")).contains("heroku[api]: Release v")
                .containsPattern("app\\[web\\.\\d+\\]: listening").contains("heroku[router]: at=info method=GET");
        assertThat(ok(admin, "logs", "-a", "clidemo", "--source", "app", "-n", "300"))
                .doesNotContain("heroku[api]");

        Path log = dir.resolve("tail.log");
        Process tail = heroku.start(admin, repo, log, "logs", "--tail", "-a", "clidemo", "-n", "1");
        try {
            await("the tail is open", () -> Files.readString(log).contains("]: "));
            ok(admin, "config:set", "LATER=1", "-a", "clidemo");
            await("the tail shows the change", () -> Files.readString(log).contains("Set LATER config vars"));
            assertThat(tail.isAlive()).as("a tail keeps following").isTrue();
        } finally {
            tail.destroy();
            tail.waitFor();
        }
    }

    @Test
    @Order(9)
    void apps_rename_moves_the_hostname_and_destroy_removes_the_app() {
        assertThat(ok(admin, "apps:rename", "clidemo2", "-a", "clidemo")).contains("Renaming clidemo to clidemo2")
                .contains("done");
        await("clidemo2.localhost serves", () -> get("clidemo2.localhost").contains("from web."));
        assertThat(status("clidemo.localhost")).isEqualTo(404);

        assertThat(ok(admin, "apps:destroy", "clidemo2", "--confirm", "clidemo2")).contains("done");
        assertThat(ok(admin, "apps")).doesNotContain("clidemo2");
        await("clidemo2.localhost unknown to the router", () -> status("clidemo2.localhost") == 404);
    }

    @Test
    @Order(10)
    void certs_add_list_info_and_remove() throws Exception {
        ok(admin, "apps:create", "certsdemo", "--no-remote");
        ok(admin, "domains:add", "www.certsdemo.test", "-a", "certsdemo");
        var ca = dev.paas.api.cert.TestCertificates.ca("E2E Test CA");
        var site = dev.paas.api.cert.TestCertificates.site(ca, "www.certsdemo.test");
        Path crt = Files.writeString(dir.resolve("certsdemo.crt"), site.certPem() + ca.certPem());
        Path key = Files.writeString(dir.resolve("certsdemo.key"), site.keyPem());

        // certs:add asks which of the app's domains the certificate is for: tick the one, submit.
        var added = heroku.runAnswering(admin, repo, "Select domains", " \n", "certs:add", crt.toString(),
                key.toString(), "-a", "certsdemo").orFail("heroku certs:add").output();

        assertThat(added).contains("Common Name(s): www.certsdemo.test").contains("Domain(s):      www.certsdemo.test")
                .contains("SSL certificate is not trusted.");
        String list = ok(admin, "certs", "-a", "certsdemo");
        assertThat(list).contains("www.certsdemo.test").contains("SNI").contains("False");
        assertThat(ok(admin, "certs:info", "-a", "certsdemo")).contains("Issuer:         CN=E2E Test CA")
                .contains("Subject:        www.certsdemo.test");
        var hidden = run(other, "certs", "-a", "certsdemo");
        assertThat(hidden.code()).isNotZero();
        assertThat(hidden.output()).contains("Couldn't find that app");

        assertThat(ok(admin, "certs:remove", "-a", "certsdemo", "--confirm", "certsdemo")).contains("done");
        assertThat(ok(admin, "certs", "-a", "certsdemo")).contains("has no SSL certificates");
        ok(admin, "apps:destroy", "certsdemo", "--confirm", "certsdemo");
    }

    @Test
    @Order(11)
    void drains_add_list_and_remove_and_the_drain_gets_the_apps_log() throws Exception {
        ok(admin, "apps:create", "drainsdemo", "--no-remote");
        var received = new java.util.concurrent.LinkedBlockingQueue<String>();
        var receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/logs", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/logs";

            ok(admin, "drains:add", url, "-a", "drainsdemo");
            assertThat(ok(admin, "drains", "-a", "drainsdemo")).contains(url);
            ok(admin, "config:set", "DRAINED=yes", "-a", "drainsdemo");

            String batch = received.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(batch).as("a batch at the drain within 30 s").isNotNull()
                    .startsWith("application/logplex-1");
            var hidden = run(other, "drains", "-a", "drainsdemo");
            assertThat(hidden.code()).isNotZero();
            assertThat(hidden.output()).contains("Couldn't find that app");
            ok(admin, "drains:remove", url, "-a", "drainsdemo");
            assertThat(ok(admin, "drains", "-a", "drainsdemo")).doesNotContain(url);
        } finally {
            receiver.stop(0);
        }
        ok(admin, "apps:destroy", "drainsdemo", "--confirm", "drainsdemo");
    }

    private static Shell.Result run(String token, String... args) {
        return heroku.run(token, repo, args);
    }

    private static String ok(String token, String... args) {
        return run(token, args).orFail("heroku " + String.join(" ", args)).output();
    }

    private static Shell.Result git(String... args) {
        var command = new java.util.ArrayList<>(List.of("git", "-c", "credential.helper="));
        command.addAll(List.of(args));
        return Shell.run(repo, Map.of("HOME", dir.resolve("home").toString(), "GIT_TERMINAL_PROMPT", "0"),
                Duration.ofMinutes(10), command).orFail("git " + args[0]);
    }

    private static String get(String host) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.routerPort() + "/"))
                .header("Host", host).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static int status(String host) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.routerPort() + "/"))
                    .header("Host", host).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void await(String what, Awaits.Condition condition) {
        try {
            Awaits.until(what, WAIT, condition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
