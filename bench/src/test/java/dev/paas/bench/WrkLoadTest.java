package dev.paas.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
