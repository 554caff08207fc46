package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class BuilderMetricsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_builder_serves_its_requests_by_status_class_and_its_memory(TestPlatform platform) throws Exception {
        try (var builder = TestBuilder.start(platform, Map.of())) {
            assertThat(get(builder, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(builder, "/some-app.git/info/refs?service=git-receive-pack").statusCode())
                    .as("no credentials").isEqualTo(401);

            var metrics = get(builder, "/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                    assertThat(t).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body()).containsPattern("(?m)^builder_http_requests_total\\{status=\"2xx\"} [1-9]")
                    .containsPattern("(?m)^builder_http_requests_total\\{status=\"4xx\"} [1-9]")
                    .containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\"} [1-9]")
                    .doesNotContain("some-app");
        }
    }

    private HttpResponse<String> get(TestBuilder builder, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + builder.app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
