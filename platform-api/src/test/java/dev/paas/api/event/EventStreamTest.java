package dev.paas.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class EventStreamTest {
    private final List<CompletableFuture<?>> streams = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        streams.forEach(s -> s.cancel(true));
    }

    @Test
    void changes_stream_as_they_happen_in_id_order_without_config_values(TestPlatform platform, Api api)
            throws Exception {
        String token = platform.user("watcher@example.com");
        var lines = open(platform, token, "/events?since=0");
        String secret = "hunter2-" + System.nanoTime();

        api.post(token, "/apps", "{\"name\":\"watched\"}");
        api.patch(token, "/apps/watched/config-vars", "{\"PASSWORD\":\"" + secret + "\"}");

        var events = await(lines, 3);
        assertThat(events).extracting(e -> e.get("kind").asText())
                .containsExactly("release.created", "app.created", "release.created");
        assertThat(events).extracting(e -> e.get("id").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(events.get(2).get("payload").get("description").asText()).isEqualTo("Set PASSWORD config vars");
        assertThat(events.toString()).doesNotContain(secret);
    }

    @Test
    void a_watcher_resumes_after_the_last_event_it_saw(TestPlatform platform, Api api) throws Exception {
        String token = platform.user("resumer@example.com");
        api.post(token, "/apps", "{\"name\":\"resume\"}");
        api.patch(token, "/apps/resume/config-vars", "{\"A\":\"1\"}");
        long lastSeen = await(open(platform, token, "/events?since=0"), 3).get(1).get("id").asLong();

        var resumed = await(open(platform, token, "/events?since=" + lastSeen), 1);

        assertThat(resumed.get(0).get("kind").asText()).isEqualTo("release.created");
        assertThat(resumed.get(0).get("payload").get("version").asInt()).isEqualTo(2);
    }

    @Test
    void users_only_see_events_of_apps_they_can_access(TestPlatform platform, Api api) throws Exception {
        String alice = platform.user("alice@example.com");
        String bob = platform.user("bob@example.com");
        var bobs = open(platform, bob, "/events?since=0");

        api.post(alice, "/apps", "{\"name\":\"alices\"}");
        api.post(bob, "/apps", "{\"name\":\"bobs\"}");

        var events = await(bobs, 2);
        assertThat(events).allSatisfy(e -> assertThat(e.get("payload").toString()).doesNotContain("alices"));
        assertThat(events.get(1).get("payload").get("name").asText()).isEqualTo("bobs");
    }

    @Test
    void bad_stream_requests_get_clear_errors(TestPlatform platform, Api api) {
        String token = platform.user("picky@example.com");

        assertThat(api.get(token, "/events").status()).isEqualTo(406);
        assertThat(api.get(token, "/events?since=-4", "Accept", "text/event-stream").status()).isEqualTo(400);
        assertThat(api.get(token, "/events?since=abc", "Accept", "text/event-stream").status()).isEqualTo(400);
        assertThat(api.get(token, "/events?app=nosuch", "Accept", "text/event-stream").status()).isEqualTo(404);
        assertThat(api.get(null, "/events", "Accept", "text/event-stream").status()).isEqualTo(401);
    }

    @Test
    void a_refused_change_writes_no_event(TestPlatform platform, Api api) throws SQLException {
        String token = platform.user("refused@example.com");
        api.post(token, "/apps", "{\"name\":\"quiet\"}");
        long before = events(platform);

        api.patch(token, "/apps/quiet/config-vars", "{\"1BAD\":\"x\"}");
        api.post(token, "/apps", "{\"name\":\"quiet\"}");
        api.post(token, "/apps/quiet/releases", "{\"release\":\"v1\"}");

        assertThat(events(platform)).isEqualTo(before);
    }

    private BlockingQueue<JsonNode> open(TestPlatform platform, String token, String path) {
        var queue = new LinkedBlockingQueue<JsonNode>();
        var request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        streams.add(HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    try (Stream<String> body = response.body()) {
                        body.filter(line -> line.startsWith("data:")).forEach(line -> {
                            try {
                                queue.add(Json.mapper().readTree(line.substring(5).trim()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                }));
        return queue;
    }

    /** Waits up to ten seconds in all for {@code count} events. */
    private static List<JsonNode> await(BlockingQueue<JsonNode> queue, int count) throws InterruptedException {
        var received = new ArrayList<JsonNode>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.size() < count && System.nanoTime() < deadline) {
            JsonNode next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next != null) {
                received.add(next);
            }
        }
        assertThat(received).as("events received within 10 s").hasSize(count);
        return received;
    }

    private static long events(TestPlatform platform) throws SQLException {
        try (var c = platform.connect(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
