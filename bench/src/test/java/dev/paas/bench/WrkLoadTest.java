package dev.paas.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrkLoadTest {

    @Test
    void wrks_result_line_becomes_a_measurement_in_nanoseconds() {
        String output = """
                Running 5s test @ http://127.0.0.1:5158/apps/x
                  1 threads and 64 connections
                wrk-result requests=50000 duration_us=5000000 p50_us=1200 p99_us=8500 max_us=20000 status_errors=3 other_errors=1
                """;

        Measurement m = WrkLoad.parse("GET /apps/{app}", 64, output);

        assertThat(m.ok()).isEqualTo(49_997);
        assertThat(m.errors()).isEqualTo(4);
        assertThat(m.perSecond()).isEqualTo(9_999.4);
        assertThat(m.latency()).isEqualTo(new Percentiles(1_200_000, 8_500_000, 20_000_000));
        assertThat(m.firstError()).contains("3 responses were not 2xx/3xx");
    }

    @Test
    void the_scripts_counts_of_writes_are_the_measurement_and_unanswered_patches_are_errors() {
        String output = """
                wrk-result requests=990 duration_us=13000000 p50_us=30000 p99_us=90000 max_us=120000 status_errors=2 other_errors=0
                wrk-writes sent=1000 ok=980 failed=10 window_us=10000000
                """;

        Measurement m = WrkLoad.parseWrites("PATCH config-vars, 16 apps", 16, output);

        assertThat(m.ok()).isEqualTo(980);
        assertThat(m.errors()).isEqualTo(20);
        assertThat(m.perSecond()).isEqualTo(98.0);
        assertThat(m.firstError()).contains("10 answers were not 2xx", "10 PATCHes unanswered when wrk stopped");
    }

    @Test
    void output_without_a_result_fails_with_what_wrk_said() {
        assertThatThrownBy(() -> WrkLoad.parse("GET /healthz (baseline)", 1, "unable to connect to 127.0.0.1:1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unable to connect");
    }

    @Test
    void none_chooses_the_jvm_client_and_a_missing_wrk_is_refused(@TempDir Path dir) {
        assertThat(BenchConfig.wrk("none", "/usr/bin")).isEmpty();
        assertThat(BenchConfig.wrk(null, dir.toString())).isEmpty();
        assertThatThrownBy(() -> BenchConfig.wrk(dir.resolve("wrk").toString(), ""))
                .hasMessageContaining("BENCH_WRK must be the path of an executable wrk");
    }

    @Test
    void wrk_patches_each_path_in_turn_with_a_new_value_and_leaves_none_unanswered() throws Exception {
        var wrk = BenchConfig.wrk(null, System.getenv().getOrDefault("PATH", ""));
        assumeTrue(wrk.isPresent(), "no wrk on PATH");
        var bodies = new ConcurrentLinkedQueue<String>();
        var paths = new ConcurrentLinkedQueue<String>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/apps/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("PATCH")
                    && "Bearer secret".equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                bodies.add(body);
                paths.add(exchange.getRequestURI().getPath());
            }
            // Slow answers, so that some are in flight when the sending window closes.
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("{}".getBytes());
            exchange.close();
        });
        server.start();
        try {
            Measurement m = new WrkLoad(wrk.get(), "application/test").patch("PATCH config-vars, 2 apps", 4,
                    Duration.ofSeconds(1), URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    List.of("/apps/a/config-vars", "/apps/b/config-vars"), "r7", "Bearer secret");

            assertThat(m.firstError()).isNull();
            assertThat(m.errors()).isZero();
            assertThat(m.ok()).isPositive().isEqualTo(bodies.size());
            assertThat(Set.copyOf(bodies)).hasSameSizeAs(bodies);
            assertThat(bodies).allMatch(b -> b.matches("\\{\"BENCH_CLIENT_[0-3]\":\"r7-\\d+\"}"));
            assertThat(paths).containsOnly("/apps/a/config-vars", "/apps/b/config-vars");
            assertThat(paths.stream().filter(p -> p.equals("/apps/a/config-vars")).count())
                    .isCloseTo(paths.size() / 2, org.assertj.core.data.Offset.offset(1L));
            assertThat(m.seconds()).isBetween(0.9, 2.0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void wrk_sends_the_authorization_and_counts_the_answers() throws Exception {
        var wrk = BenchConfig.wrk(null, System.getenv().getOrDefault("PATH", ""));
        assumeTrue(wrk.isPresent(), "no wrk on PATH");
        var seen = new ConcurrentLinkedQueue<String>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/apps/x", exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Accept"));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("{}".getBytes());
            exchange.close();
        });
        server.start();
        try {
            Measurement m = new WrkLoad(wrk.get(), "application/test").run("GET /apps/{app}", 2,
                    Duration.ofSeconds(1), URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/apps/x"),
                    "Bearer secret");

            assertThat(m.ok()).isPositive();
            assertThat(m.errors()).isZero();
            assertThat(seen).isNotEmpty().allMatch(h -> h.equals("Bearer secret application/test"));
        } finally {
            server.stop(0);
        }
    }
}
