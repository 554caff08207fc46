package dev.paas.router.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.WebState;
import dev.paas.client.Wire;
import dev.paas.router.Main.Router;
import dev.paas.router.RouterConfig;
import dev.paas.router.support.Await;
import dev.paas.router.support.Client;
import dev.paas.router.support.FixedRoutes;
import dev.paas.router.support.LogLines;
import dev.paas.router.support.TestBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin port's per-app series after real requests through the proxy. */
class AppMetricsTest {
    @TempDir
    Path dir;
    private TestBackend backend;
    private FixedRoutes routes;
    private Router router;
    private Client client;

    @BeforeEach
    void twoAppsOneWithoutWebProcesses() throws Exception {
        backend = new TestBackend("one");
        routes = new FixedRoutes().app("shop", backend.port()).app("idle");
        router = Router.start(RouterConfig.fromEnv(routes.routerEnv(dir)), new LogLines());
        client = new Client(router.port());
    }

    @AfterEach
    void stop() throws Exception {
        router.close();
        backend.close();
    }

    @Test
    void each_app_has_its_requests_by_status_class_its_error_codes_and_a_latency_histogram() {
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("shop.paas.test", "/").statusCode()).isEqualTo(200);
        }
        assertThat(client.get("shop.paas.test", "/status?code=404").statusCode()).isEqualTo(404);
        assertThat(client.get("idle.paas.test", "/").statusCode()).isEqualTo(503);
        Await.until("every request counted", Duration.ofSeconds(10), () -> router.admin() != null
                && value(metrics(), "router_requests_total") == 5);

        String text = metrics();
        assertThat(value(text, "router_app_requests_total{app=\"shop\",process_type=\"web\",status=\"2xx\"}"))
                .isEqualTo(3);
        assertThat(value(text, "router_app_requests_total{app=\"shop\",process_type=\"web\",status=\"4xx\"}"))
                .isEqualTo(1);
        assertThat(value(text, "router_app_requests_total{app=\"idle\",process_type=\"web\",status=\"5xx\"}"))
                .isEqualTo(1);
        assertThat(value(text, "router_app_errors_total{app=\"idle\",process_type=\"web\",code=\"H14\"}"))
                .isEqualTo(1);
        assertThat(text).doesNotContain("router_app_errors_total{app=\"shop\"");
        assertThat(value(text, "router_app_request_duration_seconds_count{app=\"shop\",process_type=\"web\"}"))
                .isEqualTo(4);
        assertThat(value(text,
                "router_app_request_duration_seconds_bucket{app=\"shop\",process_type=\"web\",le=\"+Inf\"}"))
                .isEqualTo(4);
        assertThat(text).contains("router_app_request_duration_seconds_bucket{app=\"shop\",process_type=\"web\","
                + "le=\"0.005\"}");
    }

    @Test
    void requests_for_hosts_of_no_app_count_under_one_label() {
        for (String host : List.of("a.example", "b.example", "c.paas.test")) {
            assertThat(client.get(host, "/").statusCode()).isEqualTo(404);
        }
        Await.until("every request counted", Duration.ofSeconds(10), () -> value(metrics(), "router_requests_total") == 3);

        String text = metrics();
        assertThat(value(text, "router_app_requests_total{app=\"unknown\",process_type=\"web\",status=\"4xx\"}"))
                .isEqualTo(3);
        assertThat(text).doesNotContain("a.example", "b.example");
    }

    @Test
    void an_app_that_leaves_the_route_table_leaves_the_metrics() {
        assertThat(client.get("idle.paas.test", "/").statusCode()).isEqualTo(503);
        Await.until("the request counted", Duration.ofSeconds(10), () -> value(metrics(), "router_requests_total") == 1);
        assertThat(metrics()).contains("app=\"idle\"");

        var shop = router.routes().table().lookup("shop.paas.test");
        router.routes().apply(new Wire.RouteTable(2, List.of(new Wire.AppRoute(shop.appId(), "shop",
                List.of("shop.paas.test"), WebState.UP, List.of(new Wire.RouteBackend("web.1", "127.0.0.1",
                backend.port(), 2))))));

        assertThat(metrics()).doesNotContain("app=\"idle\"");
    }

    @Test
    void the_text_keeps_each_family_together() {
        client.get("shop.paas.test", "/");
        client.get("idle.paas.test", "/");
        Await.until("both counted", Duration.ofSeconds(10), () -> value(metrics(), "router_requests_total") == 2);

        var families = metrics().lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.replaceAll("(_bucket|_sum|_count)?[{ ].*", "")).toList();
        // a family that comes back after another started is split
        for (int i = 1; i < families.size(); i++) {
            if (!families.get(i).equals(families.get(i - 1))) {
                assertThat(families.subList(0, i)).as("family " + families.get(i) + " is split")
                        .doesNotContain(families.get(i));
            }
        }
    }

    private String metrics() {
        var response = new Client(router.admin().port()).get("127.0.0.1", "/metrics");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    private static long value(String text, String series) {
        var m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\d+)$").matcher(text);
        assertThat(m.find()).as(series + " in\n" + text).isTrue();
        return Long.parseLong(m.group(1));
    }
}
