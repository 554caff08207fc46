package dev.paas.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class LogsApiTest {
    private Api api;
    private String admin;
    private String appId;
    private String agent;

    @BeforeEach
    void appAndAgent(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("logs@example.com");
        appId = api.post(admin, "/apps", "{\"name\":\"chatty\"}").json().get("id").asText();
        agent = api.post(admin, "/agents", "{\"name\":\"log-host\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}")
                .json().get("id").asText();
    }

    @Test
    void shipped_lines_read_back_in_order_in_heroku_format_with_filters() {
        ship(line("2026-11-22T10:00:00Z", "app", "web.1", "listening on 5000"),
                line("2026-11-22T10:00:01Z", "heroku", "web.1", "State changed from starting to up"),
                line("2026-11-22T10:00:02Z", "app", "worker.1", "job done"));

        var all = api.get(admin, "/apps/chatty/logs");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().lines().filter(l -> !l.contains(" heroku[api]: ")).toList()).containsExactly(
                "2026-11-22T10:00:00Z app[web.1]: listening on 5000",
                "2026-11-22T10:00:01Z heroku[web.1]: State changed from starting to up",
                "2026-11-22T10:00:02Z app[worker.1]: job done");
        assertThat(api.get(admin, "/apps/chatty/logs?dyno=web").body().lines()).hasSize(2);
        assertThat(api.get(admin, "/apps/chatty/logs?source=app&dyno=worker.1").body().lines())
                .containsExactly("2026-11-22T10:00:02Z app[worker.1]: job done");
        assertThat(api.get(admin, "/apps/chatty/logs?num=1&dyno=worker").body().lines()).singleElement().asString()
                .endsWith("job done");
    }

    @Test
    void releases_and_scaling_say_so_in_the_log_as_heroku_api_with_who_did_it() {
        api.patch(admin, "/apps/chatty/config-vars", "{\"GREETING\":\"hi\"}");
        dev.paas.api.Deploys.deploy(api, admin, "chatty", "abcdef0", "img:1");
        api.patch(admin, "/apps/chatty/formation", "{\"updates\":[{\"type\":\"web\",\"quantity\":2},"
                + "{\"type\":\"worker\",\"quantity\":1,\"size\":\"standard-2x\"}]}");

        var lines = api.get(admin, "/apps/chatty/logs?dyno=api&source=heroku").body().lines()
                .map(l -> l.substring(l.indexOf(' ') + 1)).toList();

        assertThat(lines).containsSubsequence(
                "heroku[api]: Set GREETING config vars by user logs@example.com",
                "heroku[api]: Release v2 created by user logs@example.com",
                "heroku[api]: Deploy abcdef0 by user logs@example.com",
                "heroku[api]: Release v3 created by user logs@example.com",
                "heroku[api]: Scaled to web@2:standard-1X worker@1:standard-2X by user logs@example.com");
        assertThat(String.join("\n", lines)).doesNotContain("hi");
    }

    @Test
    void a_tail_receives_lines_shipped_after_it_opened(TestPlatform platform) throws Exception {
        ship(line("2026-11-22T10:00:00Z", "app", "web.1", "before"));
        var received = new LinkedBlockingQueue<String>();
        var request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/apps/chatty/logs?tail=true&num=10&source=app"))
                .header("Authorization", "Bearer " + admin).build();
        CompletableFuture<Void> tail = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> {
                    try (Stream<String> lines = r.body()) {
                        lines.forEach(received::add);
                    }
                });
        try {
            assertThat(received.poll(10, TimeUnit.SECONDS)).endsWith("app[web.1]: before");
            ship(line("2026-11-22T10:00:05Z", "app", "web.1", "after"));
            assertThat(received.poll(10, TimeUnit.SECONDS)).endsWith("app[web.1]: after");
        } finally {
            tail.cancel(true);
        }
    }

    @Test
    void bad_shipments_and_reads_are_refused(TestPlatform platform) {
        String user = platform.user("nosy@example.com");
        String ok = line("2026-11-22T10:00:00Z", "app", "web.1", "x");
        assertThat(api.post(user, "/agents/" + agent + "/logs", "{\"lines\":[" + ok + "]}").status()).isEqualTo(403);
        assertThat(api.post(admin, "/agents/" + agent + "/logs", "{\"lines\":[]}").status()).isEqualTo(422);
        assertThat(api.post(admin, "/agents/" + agent + "/logs",
                "{\"lines\":[" + line("2026-11-22T10:00:00Z", "kernel", "web.1", "x") + "]}").status()).isEqualTo(422);
        assertThat(api.get(admin, "/apps/chatty/logs?num=0").status()).isEqualTo(422);
        assertThat(api.get(admin, "/apps/chatty/logs?source=db").status()).isEqualTo(422);
        assertThat(api.get(user, "/apps/chatty/logs").status()).isEqualTo(404);
        assertThat(api.get(admin, "/apps/chatty/logs?source=app").body()).isEmpty();
    }

    @Test
    void platform_components_that_are_not_agents_ship_with_an_admin_token(TestPlatform platform) {
        String line = line("2026-11-22T10:00:00Z", "heroku", "router", "at=info method=GET path=/ status=200");

        assertThat(api.post(platform.user("nosy2@example.com"), "/logs", "{\"lines\":[" + line + "]}").status())
                .isEqualTo(403);
        assertThat(api.post(admin, "/logs", "{\"lines\":[" + line + "]}").status()).isEqualTo(204);
        assertThat(api.get(admin, "/apps/chatty/logs?dyno=router").body())
                .contains("heroku[router]: at=info method=GET path=/ status=200");
    }

    private void ship(String... lines) {
        var shipped = api.post(admin, "/agents/" + agent + "/logs", "{\"lines\":[" + String.join(",", lines) + "]}");
        assertThat(shipped.status()).as(shipped.body()).isEqualTo(204);
    }

    private String line(String time, String source, String dyno, String text) {
        return "{\"app_id\":\"" + appId + "\",\"time\":\"" + time + "\",\"source\":\"" + source + "\",\"dyno\":\""
                + dyno + "\",\"line\":\"" + text + "\"}";
    }
}
