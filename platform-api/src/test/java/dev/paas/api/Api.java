package dev.paas.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.client.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP against the test API, so tests can send exactly the bytes a bad client would. */
public final class Api {
    private static final ObjectMapper JSON = Json.mapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final java.util.function.Supplier<String> builder;

    public Api(String base) {
        this(base, () -> {
            throw new IllegalStateException("this Api has no builder token");
        });
    }

    public Api(String base, java.util.function.Supplier<String> builder) {
        this.base = base;
        this.builder = builder;
    }

    /** The builder's service (admin) token: only it records builds and their images. */
    public String builderToken() {
        return builder.get();
    }

    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + body, e);
            }
        }

        public String errorId() {
            return json().path("id").asText();
        }

        public String message() {
            return json().path("message").asText();
        }
    }

    public Response get(String token, String path, String... headers) {
        return call("GET", token, path, null, headers);
    }

    public Response post(String token, String path, String body, String... headers) {
        return call("POST", token, path, body, headers);
    }

    public Response patch(String token, String path, String body, String... headers) {
        return call("PATCH", token, path, body, headers);
    }

    public Response delete(String token, String path, String... headers) {
        return call("DELETE", token, path, null, headers);
    }

    /** {@code headers} are name, value pairs. A null token sends no Authorization header. */
    public Response call(String method, String token, String path, String body, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.heroku+json; version=3")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
