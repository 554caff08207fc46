package dev.paas.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Heroku's log sessions, as the heroku CLI's logs and logs --tail use them. */
@ExtendWith(PlatformExtension.class)
class LogSessionsApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<CompletableFuture<Void>> opened = new ArrayList<>();
    private Api api;
    private String admin;
    private String owner;
    private String helper;
    private String appId;
    private String agent;

    /** An open stream: its lines as they come, and whether it has ended. */
    private record Sse(BlockingQueue<String> lines, CompletableFuture<Void> ended) {
    }

    @BeforeEach
    void appWithLines(TestPlatform platform, Api api) {
        this.api = api;
        admin = platform.admin("logs@example.com");
        owner = platform.user("owner@example.com");
        helper = platform.user("helper@example.com");
        appId = api.post(owner, "/apps", "{\"name\":\"chatty\"}").json().get("id").asText();
        api.post(owner, "/apps/chatty/collaborators", "{\"user\":\"helper@example.com\"}");
        agent = api.post(admin, "/agents", "{\"name\":\"log-host\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}")
                .json().get("id").asText();
        ship("web.1", "one");
        ship("worker.1", "two");
    }

    @AfterEach
    void close() {
        opened.forEach(f -> f.cancel(true));
    }

    @Test
    void a_session_url_streams_the_recent_lines_as_events_without_a_token_then_ends() {
        String url = session(owner, "{\"lines\":10,\"source\":\"app\"}");

        var response = get(url, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        var data = response.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(data).hasSize(2);
        assertThat(data.get(0)).matches("data: \\S+ app\\[web\\.1]: one");
        assertThat(data.get(1)).endsWith("app[worker.1]: two");
        assertThat(response.body().lines().filter(l -> l.startsWith("id: "))).hasSize(2);
    }

    @Test
    void a_session_filters_by_dyno_and_line_count() {
        assertThat(dataOf(get(session(owner, "{\"dyno\":\"worker\",\"source\":\"app\"}"), null).body()))
                .singleElement().asString().endsWith("app[worker.1]: two");
        assertThat(dataOf(get(session(owner, "{\"lines\":1,\"source\":\"app\"}"), null).body()))
                .singleElement().asString().endsWith("app[worker.1]: two");
    }

    @Test
    void a_tail_follows_new_lines_and_resumes_after_last_event_id() throws Exception {
        String url = session(helper, "{\"tail\":true,\"source\":\"app\"}");
        var tail = open(url, null);
        assertThat(nextData(tail)).endsWith("one");
        assertThat(nextData(tail)).endsWith("two");

        ship("web.1", "three");
        assertThat(nextData(tail)).endsWith("three");

        String lastId = get(session(helper, "{\"source\":\"app\",\"lines\":1}"), null).body().lines()
                .filter(l -> l.startsWith("id: ")).findFirst().orElseThrow().substring(4);
        var resumed = open(url, lastId);
        ship("web.1", "four");
        assertThat(nextData(resumed)).endsWith("four");
    }

    @Test
    void a_line_with_line_breaks_cannot_forge_event_fields() {
        ship("web.1", "evil\\nid: 999999\\ndata: forged");

        var body = get(session(owner, "{\"source\":\"app\",\"lines\":1}"), null).body();

        assertThat(body.lines().filter(l -> l.startsWith("id: "))).singleElement().asString().doesNotContain("999999");
        assertThat(body).contains("data: id: 999999");
    }

    @Test
    void another_user_cannot_start_a_session_on_an_app_they_cannot_see(TestPlatform platform) {
        String stranger = platform.user("stranger@example.com");

        var refused = api.post(stranger, "/apps/chatty/log-sessions", "{}");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(api.post(null, "/apps/chatty/log-sessions", "{}").status()).isEqualTo(401);
    }

    @Test
    void a_forged_or_altered_session_url_is_refused() throws Exception {
        String url = session(owner, "{\"source\":\"app\"}");
        String token = url.substring(url.lastIndexOf('/') + 1);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        String otherApp = api.post(owner, "/apps", "{\"name\":\"secret\"}").json().get("id").asText();
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace(appId, otherApp).getBytes()) + token.substring(token.indexOf('.'));
        String base = url.substring(0, url.lastIndexOf('/') + 1);

        assertThat(get(base + altered, null).statusCode()).isEqualTo(403);
        assertThat(get(base + token.substring(0, token.indexOf('.')) + ".AAAA", null).statusCode()).isEqualTo(403);
        assertThat(get(base + "garbage", null).statusCode()).isEqualTo(403);
        assertThat(get(url, null).statusCode()).isEqualTo(200);
    }

    @Test
    void revoking_the_token_refuses_its_session_urls_and_ends_their_tails() throws Exception {
        String url = session(helper, "{\"tail\":true,\"source\":\"app\"}");
        var tail = open(url, null);
        assertThat(nextData(tail)).endsWith("one");

        assertThat(api.delete(helper, "/oauth/authorizations/~").status()).isEqualTo(200);

        tail.ended().get(10, TimeUnit.SECONDS);
        var refused = get(url, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("revoked or has expired");
    }

    @Test
    void a_removed_collaborators_session_url_is_refused() {
        String url = session(helper, "{\"source\":\"app\"}");

        api.delete(owner, "/apps/chatty/collaborators/helper@example.com");

        assertThat(get(url, null).statusCode()).isEqualTo(403);
    }

    @Test
    void a_session_of_an_expired_token_is_refused() throws Exception {
        String shortLived = api.post(owner, "/oauth/authorizations", "{\"expires_in\":1}").json()
                .get("access_token").get("token").asText();
        String url = session(shortLived, "{\"source\":\"app\"}");
        Instant deadline = Instant.now().plusSeconds(10);
        while (api.get(shortLived, "/account").status() != 401 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100); // polls until the token's expiry has passed
        }

        assertThat(get(url, null).statusCode()).isEqualTo(403);
    }

    @Test
    void bad_session_parameters_are_refused() {
        assertThat(api.post(owner, "/apps/chatty/log-sessions", "{\"source\":\"kernel\"}").status()).isEqualTo(422);
        assertThat(api.post(owner, "/apps/chatty/log-sessions", "{\"lines\":0}").status()).isEqualTo(422);
        assertThat(api.post(owner, "/apps/chatty/log-sessions", "{\"lines\":5000}").status()).isEqualTo(422);
        assertThat(api.post(owner, "/apps/chatty/log-sessions", "{\"dyno\":\"web 1; x\"}").status()).isEqualTo(422);
    }

    private String session(String token, String body) {
        var created = api.post(token, "/apps/chatty/log-sessions", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("id").asText()).isNotBlank();
        return created.json().get("logplex_url").asText();
    }

    private HttpResponse<String> get(String url, String lastEventId) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Sse open(String url, String lastEventId) {
        var lines = new LinkedBlockingQueue<String>();
        var request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<Void> ended = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> {
                    try (Stream<String> body = r.body()) {
                        body.forEach(lines::add);
                    }
                });
        opened.add(ended);
        return new Sse(lines, ended);
    }

    private static String nextData(Sse sse) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            String line = sse.lines().poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith("data: ")) {
                return line;
            }
        }
        throw new AssertionError("no event within 10 seconds");
    }

    private static List<String> dataOf(String body) {
        return body.lines().filter(l -> l.startsWith("data: ")).toList();
    }

    private void ship(String dyno, String text) {
        String line = "{\"app_id\":\"" + appId + "\",\"time\":\"" + Instant.now() + "\",\"source\":\"app\",\"dyno\":\""
                + dyno + "\",\"line\":\"" + text + "\"}";
        var shipped = api.post(admin, "/agents/" + agent + "/logs", "{\"lines\":[" + line + "]}");
        assertThat(shipped.status()).as(shipped.body()).isEqualTo(204);
    }
}
