package dev.paas.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.router.Main.Router;
import dev.paas.router.RouterConfig;
import dev.paas.router.support.Await;
import dev.paas.router.support.Client;
import dev.paas.router.support.ControlPlane;
import dev.paas.router.support.TestBackend;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class RoutingTest {
    private ControlPlane cp;
    private TestBackend one;
    private TestBackend two;
    private Router router;
    private Client client;

    @BeforeEach
    void anAppWithTwoWebProcesses(TestPlatform platform) throws Exception {
        cp = new ControlPlane(platform);
        one = new TestBackend("one");
        two = new TestBackend("two");
        cp.createApp("shop");
        cp.scale("shop", 2);
        cp.web("shop", 1, 2, "up", one.port());
        cp.web("shop", 2, 2, "up", two.port());
        router = Router.start(RouterConfig.fromEnv(cp.routerEnv()));
        client = new Client(router.port());
        awaitBackends("shop.paas.test", 2);
    }

    @AfterEach
    void stop() {
        router.close();
        one.close();
        two.close();
    }

    @Test
    void requests_reach_the_app_by_its_default_hostname_with_any_port_and_case() {
        var response = client.get("Shop.Paas.Test:8080", "/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("backend=");
        assertThat(response.headers().firstValue("via")).hasValue("1.1 paas-router");
    }

    @Test
    void a_custom_domain_added_later_routes_within_a_second() {
        cp.addDomain("shop", "www.shop.example");

        Await.until("the custom domain routes", Duration.ofSeconds(1),
                () -> client.get("www.shop.example", "/").statusCode() == 200);
    }

    @Test
    void an_unknown_host_gets_404_and_a_small_page() {
        var response = client.get("nosuch.paas.test", "/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("No such app").hasSizeLessThan(1000);
        assertThat(one.requests() + two.requests()).isZero();
    }

    @Test
    void requests_spread_over_the_web_processes() {
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < 200; i++) {
            var response = client.get("shop.paas.test", "/");
            seen.merge(response.headers().firstValue("x-backend").orElseThrow(), 1, Integer::sum);
        }

        assertThat(seen).containsOnlyKeys("one", "two");
        assertThat(seen.values()).allSatisfy(n -> assertThat(n).isGreaterThan(40));
    }

    @Test
    void when_a_backend_dies_requests_fail_over_to_the_other_and_none_is_lost() {
        one.close();

        for (int i = 0; i < 50; i++) {
            var response = client.get("shop.paas.test", "/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-backend")).hasValue("two");
        }
    }

    @Test
    void when_every_backend_refuses_the_answer_is_503_H19() {
        one.close();
        two.close();

        var response = client.get("shop.paas.test", "/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("Application error");
    }

    @Test
    void scaling_up_adds_a_backend_live_and_a_removed_one_gets_no_new_requests() throws Exception {
        try (var three = new TestBackend("three")) {
            cp.scale("shop", 3);
            cp.web("shop", 3, 2, "up", three.port());
            awaitBackends("shop.paas.test", 3);
            Await.until("web.3 gets requests", Duration.ofSeconds(2),
                    () -> "three".equals(client.get("shop.paas.test", "/").headers().firstValue("x-backend")
                            .orElse("")));

            cp.gone("shop", 1, 2);
            cp.gone("shop", 2, 2);
            awaitBackends("shop.paas.test", 1);
            int before = one.requests() + two.requests();
            for (int i = 0; i < 20; i++) {
                assertThat(client.get("shop.paas.test", "/").headers().firstValue("x-backend")).hasValue("three");
            }
            assertThat(one.requests() + two.requests()).isEqualTo(before);
        }
    }

    @Test
    void no_web_processes_is_H14_and_crashed_ones_are_H10() {
        cp.createApp("idle");
        cp.createApp("broken");
        cp.web("broken", 1, 2, "crashed", null);
        Await.until("both apps are known", Duration.ofSeconds(2),
                () -> router.routes().table().lookup("broken.paas.test") != null
                        && "crashed".equals(router.routes().table().lookup("broken.paas.test").web()));

        var idle = client.get("idle.paas.test", "/");
        var broken = client.get("broken.paas.test", "/");

        assertThat(idle.statusCode()).isEqualTo(503);
        assertThat(idle.body()).contains("no web processes running");
        assertThat(broken.statusCode()).isEqualTo(503);
        assertThat(broken.body()).contains("crashed");
    }

    @Test
    void during_a_deploy_old_processes_serve_until_a_new_one_is_up_and_in_flight_requests_finish() throws Exception {
        try (var next = new TestBackend("next")) {
            int v3 = cp.release("shop");
            cp.web("shop", 1, v3, "starting", next.port());
            assertThat(client.get("shop.paas.test", "/").headers().firstValue("x-backend").orElseThrow())
                    .isIn("one", "two");
            var inFlight = client.http().sendAsync(client.request("shop.paas.test", "/slow?ms=1500").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            Await.until("the slow request reached an old process", Duration.ofSeconds(2),
                    () -> one.requests() + two.requests() >= 2);

            cp.web("shop", 1, v3, "up", next.port());
            awaitBackends("shop.paas.test", 1);

            assertThat(client.get("shop.paas.test", "/").headers().firstValue("x-backend")).hasValue("next");
            var finished = inFlight.get();
            assertThat(finished.statusCode()).isEqualTo(200);
            assertThat(finished.body()).startsWith("slow ");
        }
    }

    @Test
    void the_admin_port_reports_health_and_metrics() {
        client.get("shop.paas.test", "/");
        client.get("nosuch.paas.test", "/");
        var admin = new Client(router.admin().port());

        var health = admin.get("127.0.0.1", "/healthz");
        var metrics = admin.get("127.0.0.1", "/metrics");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"", "\"following_changes\":true");
        assertThat(metrics.body()).contains("router_responses_total{status=\"200\"} 1",
                "router_responses_total{status=\"404\"} 1", "router_request_duration_seconds_bucket{le=\"+Inf\"} 2");
    }

    @Test
    void stopping_the_router_lets_in_flight_requests_finish_and_takes_no_new_connections() throws Exception {
        var inFlight = client.http().sendAsync(client.request("shop.paas.test", "/slow?ms=800").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        Await.until("the request reached the app", Duration.ofSeconds(2), () -> one.requests() + two.requests() >= 1);

        router.close();

        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        assertThat(inFlight.get().body()).startsWith("slow ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", router.port()))
                .isInstanceOf(java.net.ConnectException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"io_uring", "nio"})
    void every_transport_serves_the_same(String transport) throws Exception {
        try (var other = Router.start(RouterConfig.fromEnv(cp.routerEnv("PAAS_ROUTER_TRANSPORT", transport)))) {
            Await.until("the table is there", Duration.ofSeconds(2),
                    () -> other.routes().table().lookup("shop.paas.test") != null);

            var response = new Client(other.port()).get("shop.paas.test", "/");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("backend=");
        }
    }

    @Test
    void each_request_is_logged_to_the_apps_log_stream_as_the_router() {
        client.get("shop.paas.test", "/?from=test");

        Await.until("the request line is in the app's log", Duration.ofSeconds(10), () -> {
            var logs = cp.api().get(cp.admin(), "/apps/shop/logs?source=heroku&dyno=router");
            return logs.status() == 200 && logs.body().contains("heroku[router]: at=info method=GET path=\"/?from=test\" "
                    + "host=shop.paas.test");
        });
    }

    private void awaitBackends(String host, int n) {
        Await.until(host + " has " + n + " backends", Duration.ofSeconds(2), () -> {
            var route = router.routes().table().lookup(host);
            return route != null && route.backends().size() == n;
        });
    }
}
