package dev.paas.api.http;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Open streams (log tails, event streams) each hold a request for as long as they last: they run on
 * virtual threads, so that far more of them than the server has platform threads starve nothing.
 */
@ExtendWith(PlatformExtension.class)
class ManyStreamsTest {
    /** More than the server's platform threads (16), so that streams on those would take them all. */
    private static final int USERS = 4;
    private static final int STREAMS_EACH = 10;

    @Test
    void more_open_streams_than_platform_threads_leave_the_api_answering(TestPlatform platform, Api api)
            throws Exception {
        String owner = platform.user("owner@example.com");
        assertThat(api.post(owner, "/apps", "{\"name\":\"busy\"}").status()).isEqualTo(201);
        List<String> readers = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            readers.add(platform.user("reader" + u + "@example.com"));
            assertThat(api.post(owner, "/apps/busy/collaborators", "{\"user\":\"reader" + u + "@example.com\"}")
                    .status()).isEqualTo(201);
        }
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < USERS * STREAMS_EACH; i++) {
                var response = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl()
                                + "/apps/busy/logs?tail=true&num=1")).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + readers.get(i % USERS)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).as("tail %d", i).isEqualTo(200);
                assertThat(response.body().read()).as("tail %d's first byte", i).isNotEqualTo(-1);
                open.add(response.body());
            }

            var answer = api.get(owner, "/apps/busy");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("name").asText()).isEqualTo("busy");
        } finally {
            for (InputStream body : open) {
                body.close();
            }
        }
    }
}
