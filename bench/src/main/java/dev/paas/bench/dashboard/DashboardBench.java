package dev.paas.bench.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How long the dashboard's pages take, against {@code GET /healthz} of the same API in the same run (the
 * baseline: a request that does no work). Signs in as PAAS_API_KEY's user with a password it sets, creates
 * BENCH_APPS apps, then times each page BENCH_REQUESTS times, one at a time, over loopback. The first
 * request of each page is reported on its own (what a person opening the dashboard waits for).
 */
public final class DashboardBench {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");
    private static final String PASSWORD = "dashboard bench password";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String token;
    private String cookies = "";

    private DashboardBench(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int apps = Integer.parseInt(env.getOrDefault("BENCH_APPS", "10"));
        int requests = Integer.parseInt(env.getOrDefault("BENCH_REQUESTS", "300"));
        var bench = new DashboardBench(env.getOrDefault("PAAS_API_URL", "http://127.0.0.1:5057"),
                env.get("PAAS_API_KEY"));
        String report = bench.run(apps, requests);
        System.out.print(report);
        Path out = Path.of(env.getOrDefault("BENCH_OUT", "bench/results/dashboard.txt"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
    }

    private String run(int apps, int requests) throws Exception {
        api("PUT", "/account/password", "{\"password\":\"" + PASSWORD + "\"}");
        String email = api("GET", "/account", null).replaceAll("(?s).*\"email\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        for (int i = 1; i <= apps; i++) {
            api("POST", "/apps", "{\"name\":\"bench-" + i + "\"}");
            api("PATCH", "/apps/bench-" + i + "/config-vars", "{\"A\":\"1\",\"B\":\"2\"}");
        }
        var lines = new ArrayList<String>();
        lines.add("Dashboard pages, one request at a time over loopback (" + Instant.now() + ")");
        lines.add(String.format(Locale.ROOT, "%d apps; %d requests per page; times are round trips in ms", apps,
                requests));
        long signIn = signIn(email);
        lines.add(String.format(Locale.ROOT, "%-44s %8.1f ms  (PBKDF2, 600,000 iterations: slow on purpose)",
                "POST /dashboard/sign-in (email, password)", signIn / 1e6));
        lines.add(String.format(Locale.ROOT, "%-44s %8s %8s %8s %8s", "page", "first", "p50", "p99", "max"));
        for (String page : List.of("/healthz", "/dashboard", "/dashboard/apps/bench-1",
                "/dashboard/apps/bench-1/activity", "/dashboard/apps/bench-1/settings",
                "/dashboard/apps/bench-1/resources", "/dashboard/apps/bench-1/logs")) {
            long first = get(page);
            long[] nanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                nanos[i] = get(page);
            }
            Arrays.sort(nanos);
            lines.add(String.format(Locale.ROOT, "%-44s %8.1f %8.1f %8.1f %8.1f",
                    "GET " + page + (page.equals("/healthz") ? " (baseline)" : ""), first / 1e6,
                    rank(nanos, 0.50) / 1e6, rank(nanos, 0.99) / 1e6, nanos[nanos.length - 1] / 1e6));
        }
        lines.add("Goal: the first page (GET /dashboard) under 100 ms.");
        return String.join("\n", lines) + "\n";
    }

    private long signIn(String email) throws Exception {
        var form = send(HttpRequest.newBuilder(URI.create(base + "/dashboard/sign-in")).GET());
        var m = CSRF.matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no sign-in form: " + form.body());
        }
        String body = "_csrf=" + enc(m.group(1)) + "&email=" + enc(email) + "&password=" + enc(PASSWORD);
        long start = System.nanoTime();
        var signedIn = send(HttpRequest.newBuilder(URI.create(base + "/dashboard/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        long took = System.nanoTime() - start;
        if (signedIn.statusCode() != 303) {
            throw new IllegalStateException("sign-in failed: HTTP " + signedIn.statusCode());
        }
        return took;
    }

    private long get(String path) throws Exception {
        long start = System.nanoTime();
        var response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
        }
        return took;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        var response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            cookies = cookies.isEmpty() ? pair : cookies + "; " + pair;
        }
        return response;
    }

    private String api(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long rank(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
