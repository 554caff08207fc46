package dev.paas.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
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

/** Log tails and event streams re-check access whenever it may have changed, and end when it is gone. */
@ExtendWith(PlatformExtension.class)
class AccessLossEndsStreamsTest {
    private static final int ENDS_WITHIN_SECONDS = 10;
    private final List<Stream> opened = new ArrayList<>();
    private TestPlatform platform;
    private Api api;
    private String owner;
    private String helper;

    /** An open response: its lines as they come, and whether it has ended. */
    private record Stream(BlockingQueue<String> lines, CompletableFuture<Void> ended) {
    }

    @BeforeEach
    void sharedApp(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.owner = platform.user("owner@example.com");
        this.helper = platform.user("helper@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"shared\"}").status()).isEqualTo(201);
        assertThat(api.post(owner, "/apps/shared/collaborators", "{\"user\":\"helper@example.com\"}").status())
                .isEqualTo(201);
    }

    @AfterEach
    void close() {
        opened.forEach(s -> s.ended().cancel(true));
    }

    @Test
    void a_removed_collaborators_log_tail_ends() throws Exception {
        var tail = openTail(helper);

        api.delete(owner, "/apps/shared/collaborators/helper@example.com");

        assertEnds(tail);
    }

    @Test
    void a_log_tail_ends_when_the_app_is_destroyed() throws Exception {
        var tail = openTail(helper);

        assertThat(api.delete(owner, "/apps/shared").status()).isEqualTo(200);

        assertEnds(tail);
    }

    @Test
    void a_log_tail_ends_when_its_token_is_revoked() throws Exception {
        var tail = openTail(helper);

        assertThat(api.delete(helper, "/oauth/authorizations/~").status()).isEqualTo(200);

        assertEnds(tail);
    }

    @Test
    void a_log_tail_ends_when_its_token_expires() throws Exception {
        String shortLived = api.post(helper, "/oauth/authorizations", "{\"expires_in\":2}").json()
                .get("access_token").get("token").asText();

        assertEnds(openTail(shortLived));
    }

    @Test
    void the_owners_tail_goes_on_when_a_collaborator_is_removed() throws Exception {
        var tail = openTail(owner);

        api.delete(owner, "/apps/shared/collaborators/helper@example.com");
        api.patch(owner, "/apps/shared/config-vars", "{\"AFTER\":\"1\"}");

        assertThat(tail.lines().poll(ENDS_WITHIN_SECONDS, TimeUnit.SECONDS)).contains("Set AFTER config vars");
        assertThat(tail.ended()).isNotDone();
    }

    @Test
    void a_removed_collaborators_event_stream_of_the_app_ends() throws Exception {
        var events = openEvents(helper, "/events?since=0&app=shared");

        api.delete(owner, "/apps/shared/collaborators/helper@example.com");

        assertEnds(events);
    }

    @Test
    void an_event_stream_ends_when_its_token_is_revoked() throws Exception {
        var events = openEvents(helper, "/events?since=0");

        assertThat(api.delete(helper, "/oauth/authorizations/~").status()).isEqualTo(200);

        assertEnds(events);
    }

    @Test
    void an_event_stream_ends_when_its_token_expires() throws Exception {
        String shortLived = api.post(helper, "/oauth/authorizations", "{\"expires_in\":2}").json()
                .get("access_token").get("token").asText();

        assertEnds(openEvents(shortLived, "/events?since=0"));
    }

    /** Opens a tail and waits for its first line, so that the stream is known to be running. */
    private Stream openTail(String token) throws Exception {
        return open(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/apps/shared/logs?tail=true&num=1"))
                .header("Authorization", "Bearer " + token).build());
    }

    private Stream openEvents(String token, String path) throws Exception {
        return open(HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build());
    }

    private Stream open(HttpRequest request) throws Exception {
        var lines = new LinkedBlockingQueue<String>();
        var response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> ended = response.thenAccept(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            try (var body = r.body()) {
                body.forEach(lines::add);
            }
        });
        var stream = new Stream(lines, ended);
        opened.add(stream);
        assertThat(lines.poll(ENDS_WITHIN_SECONDS, TimeUnit.SECONDS)).as("the stream's first line").isNotNull();
        assertThat(ended).as("the stream ended before the test acted").isNotDone();
        return stream;
    }

    private static void assertEnds(Stream stream) throws Exception {
        stream.ended().get(ENDS_WITHIN_SECONDS, TimeUnit.SECONDS);
        assertThat(stream.ended()).isDone();
    }
}
