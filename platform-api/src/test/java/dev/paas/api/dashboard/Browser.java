package dev.paas.api.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as the dashboard can tell: keeps its cookies, posts forms, follows no redirect by itself
 * (tests look at them), and reads the CSRF token a page's forms carry.
 */
final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final Map<String, String> cookies = new LinkedHashMap<>();

    Browser(String base) {
        this.base = base;
    }

    record Page(int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        List<String> setCookies() {
            return response.headers().allValues("Set-Cookie");
        }

        String csrf() {
            Matcher m = CSRF.matcher(body());
            if (!m.find()) {
                throw new AssertionError("no CSRF token in the page: " + body());
            }
            return m.group(1);
        }
    }

    Page get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    /** {@code fields} are name, value pairs, sent as a form. */
    Page post(String path, List<String> fields, String... headers) {
        var form = new ArrayList<String>();
        for (int i = 0; i < fields.size(); i += 2) {
            form.add(URLEncoder.encode(fields.get(i), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fields.get(i + 1), StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form))), headers);
    }

    /** Signs in with email and password through the sign-in page, as a person would. */
    Page signIn(String email, String password, String... headers) {
        String token = get("/dashboard/sign-in").csrf();
        return post("/dashboard/sign-in", List.of("_csrf", token, "email", email, "password", password), headers);
    }

    Page signInWithToken(String apiToken) {
        String token = get("/dashboard/sign-in").csrf();
        return post("/dashboard/sign-in", List.of("_csrf", token, "token", apiToken));
    }

    private Page send(HttpRequest.Builder request, String... headers) {
        request.timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || set.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Page(response.statusCode(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
