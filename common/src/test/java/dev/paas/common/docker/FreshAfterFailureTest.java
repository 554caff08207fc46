package dev.paas.common.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconnect rule on clients that fail as a restarted engine's dead pool does. */
class FreshAfterFailureTest {
    private final List<FakeClient> made = new ArrayList<>();

    /** A client whose first {@code failures} requests fail with {@code failure}. */
    private final class FakeClient implements DockerHttpClient {
        private final RuntimeException failure;
        private int failures;
        private final List<String> served = new ArrayList<>();

        FakeClient(RuntimeException failure, int failures) {
            this.failure = failure;
            this.failures = failures;
        }

        @Override
        public Response execute(Request request) {
            if (failures > 0) {
                failures--;
                throw failure;
            }
            served.add(request.method() + " " + request.path());
            return null;
        }

        @Override
        public void close() {
        }
    }

    private FreshAfterFailure client(RuntimeException firstFails) {
        return new FreshAfterFailure(() -> {
            var c = made.isEmpty() ? new FakeClient(firstFails, 100) : new FakeClient(null, 0);
            made.add(c);
            return c;
        });
    }

    private static DockerHttpClient.Request request(String method, String path, byte[] body) {
        var builder = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.valueOf(method)).path(path);
        return body == null ? builder.build() : builder.bodyBytes(body).build();
    }

    @Test
    void a_get_on_a_dead_connection_is_asked_again_on_a_new_client_which_serves_what_follows() {
        var http = client(new RuntimeException(new IOException("Broken pipe")));

        http.execute(request("GET", "/images/json", null));
        http.execute(request("POST", "/build", null));

        assertThat(made).hasSize(2);
        assertThat(made.get(1).served).containsExactly("GET /images/json", "POST /build");
    }

    @Test
    void a_post_on_a_dead_connection_fails_since_it_may_have_reached_the_engine_and_the_next_request_is_fresh() {
        var http = client(new RuntimeException(new IOException("Connection reset")));

        assertThatThrownBy(() -> http.execute(request("POST", "/containers/create", "{}".getBytes())))
                .hasRootCauseMessage("Connection reset");
        http.execute(request("POST", "/containers/x/start", null));

        assertThat(made).hasSize(2);
        assertThat(made.get(1).served).containsExactly("POST /containers/x/start");
    }

    @Test
    void a_timeout_or_an_engine_error_keeps_the_client() {
        var timeout = client(new RuntimeException(new SocketTimeoutException("Read timed out")));

        assertThatThrownBy(() -> timeout.execute(request("GET", "/containers/json", null)))
                .hasRootCauseInstanceOf(SocketTimeoutException.class);
        assertThat(made).hasSize(1);

        made.clear();
        var refused = client(new IllegalStateException("No such image"));
        assertThatThrownBy(() -> refused.execute(request("GET", "/images/x/json", null)))
                .hasMessage("No such image");
        assertThat(made).hasSize(1);
    }
}
