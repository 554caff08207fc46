package dev.paas.router.proxy;

import dev.paas.client.WebState;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routing as the control plane has it: hostnames, domains, scaling, deploys and process states reach
 * the router through the real API's route table and change stream. How the proxy itself behaves is
 * tested over a fixed table ({@link BalancingTest}, {@link ProtocolTest}).
 */
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
    void a_router_that_has_just_started_routes_its_very_first_request() throws Exception {
        // Its start returns once it has the route table: a router that took requests before would say 404 to them.
        try (var fresh = Router.start(RouterConfig.fromEnv(cp.routerEnv()))) {
            var response = new Client(fresh.port()).get("shop.paas.test", "/");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    @Test
    void a_custom_domain_added_later_routes_within_a_second() {
        cp.addDomain("shop", "www.shop.example");

        Await.until("the custom domain routes", Duration.ofSeconds(1),
                () -> client.get("www.shop.example", "/").statusCode() == 200);
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
                        && router.routes().table().lookup("broken.paas.test").web() == WebState.CRASHED);

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
