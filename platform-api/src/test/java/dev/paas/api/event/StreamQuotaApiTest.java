package dev.paas.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A hostile user opening stream after stream: refused past the quota (20, the default), others unaffected. */
@ExtendWith(PlatformExtension.class)
class StreamQuotaApiTest {
    private static final int QUOTA = 20;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<InputStream> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (InputStream body : open) {
            body.close();
        }
    }

    @Test
    void past_the_quota_tails_and_event_streams_get_429_and_other_users_still_stream(TestPlatform platform, Api api)
            throws Exception {
        String hostile = platform.user("hostile@example.com");
        String other = platform.user("other@example.com");
        assertThat(api.post(hostile, "/apps", "{\"name\":\"flood\"}").status()).isEqualTo(201);
        assertThat(api.post(other, "/apps", "{\"name\":\"calm\"}").status()).isEqualTo(201);
        for (int i = 0; i < QUOTA; i++) {
            open.add(openStream(platform, hostile, "/apps/flood/logs?tail=true&num=1", 200).body());
        }

        var tail = openStream(platform, hostile, "/apps/flood/logs?tail=true&num=1", 429);
        var events = openStream(platform, hostile, "/events?since=now", 429);
        var plain = api.get(hostile, "/apps/flood/logs?num=1");
        var others = openStream(platform, other, "/apps/calm/logs?tail=true&num=1", 200);
        open.add(others.body());

        assertThat(new String(tail.body().readAllBytes())).contains("rate_limit").contains("20 log or event streams");
        assertThat(events.statusCode()).isEqualTo(429);
        assertThat(plain.status()).as("a plain log read is no stream").isEqualTo(200);
    }

    @Test
    void an_admins_event_streams_are_not_counted_so_that_many_hosts_components_may_follow_events(
            TestPlatform platform, Api api) throws Exception {
        // Every host's agent and router, and the builder, follow /events with the install's admin token.
        String admin = platform.admin("ops-streams@example.com");
        for (int i = 0; i < QUOTA + 5; i++) {
            var events = send(platform, admin, "/events?since=now"); // headers only: no event may come
            open.add(events.body());
            assertThat(events.statusCode()).as("event stream %d of the admin", i + 1).isEqualTo(200);
        }
        String user = platform.user("tails@example.com");
        assertThat(api.post(user, "/apps", "{\"name\":\"tails\"}").status()).isEqualTo(201);

        var tail = openStream(platform, user, "/apps/tails/logs?tail=true&num=1", 200);
        open.add(tail.body());
    }

    @Test
    void a_closed_stream_gives_its_place_back(TestPlatform platform, Api api) throws Exception {
        String user = platform.user("busy@example.com");
        assertThat(api.post(user, "/apps", "{\"name\":\"busy\"}").status()).isEqualTo(201);
        for (int i = 0; i < QUOTA; i++) {
            open.add(openStream(platform, user, "/apps/busy/logs?tail=true&num=1", 200).body());
        }
        open.removeFirst().close();

        // The server learns of the close when a write fails: each config change writes a line to every tail.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<InputStream> again;
        for (int wake = 1; (again = send(platform, user, "/apps/busy/logs?tail=true&num=1")).statusCode() == 429; wake++) {
            again.body().close();
            assertThat(System.nanoTime()).as("a place frees within 20 s").isLessThan(deadline);
            assertThat(api.patch(user, "/apps/busy/config-vars", "{\"WAKE\":\"" + wake + "\"}").status()).isEqualTo(200);
            Thread.sleep(100);
        }
        open.add(again.body());
        assertThat(again.statusCode()).isEqualTo(200);
    }

    private HttpResponse<InputStream> openStream(TestPlatform platform, String token, String path, int status)
            throws Exception {
        var response = send(platform, token, path);
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        if (status == 200) {
            assertThat(response.body().read()).as("the stream's first byte").isNotEqualTo(-1);
        }
        return response;
    }

    private HttpResponse<InputStream> send(TestPlatform platform, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }
}
