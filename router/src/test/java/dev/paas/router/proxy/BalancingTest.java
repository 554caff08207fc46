package dev.paas.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.router.Main.Router;
import dev.paas.router.RouterConfig;
import dev.paas.router.support.Await;
import dev.paas.router.support.Client;
import dev.paas.router.support.FixedRoutes;
import dev.paas.router.support.TestBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the router spreads requests over an app's web processes and fails over, over a fixed route table. */
class BalancingTest {
    @TempDir
    Path dir;
    private FixedRoutes routes;
    private TestBackend one;
    private TestBackend two;
    private Router router;
    private Client client;

    @BeforeEach
    void anAppWithTwoWebProcesses() throws Exception {
        one = new TestBackend("one");
        two = new TestBackend("two");
        routes = new FixedRoutes().app("shop", one.port(), two.port());
        router = Router.start(RouterConfig.fromEnv(routes.routerEnv(dir)));
        client = new Client(router.port());
        assertThat(router.routes().table().lookup("shop.paas.test").backends()).hasSize(2);
    }

    @AfterEach
    void stop() {
        router.close();
        one.close();
        two.close();
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
        try (var other = Router.start(RouterConfig.fromEnv(routes.routerEnv(dir, "PAAS_ROUTER_TRANSPORT", transport)))) {
            Await.until("the table is there", Duration.ofSeconds(2),
                    () -> other.routes().table().lookup("shop.paas.test") != null);

            var response = new Client(other.port()).get("shop.paas.test", "/");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("backend=");
        }
    }
}
