package dev.paas.router.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.ApiConfig;
import dev.paas.api.Platform;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.router.Main.Router;
import dev.paas.router.RouterConfig;
import dev.paas.router.support.Await;
import dev.paas.router.support.Client;
import dev.paas.router.support.ControlPlane;
import dev.paas.router.support.TestBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The router follows a second API process on the test database, which the test stops and starts
 * again; changes made meanwhile (through the run's main API, same database) arrive after it is back.
 */
@ExtendWith(PlatformExtension.class)
class ControlPlaneDownTest {

    @Test
    void with_the_control_plane_down_the_router_serves_its_last_table_and_catches_up_when_it_is_back(
            TestPlatform platform) throws Exception {
        var cp = new ControlPlane(platform);
        int apiPort = freePort();
        try (var backend = new TestBackend("one")) {
            cp.createApp("shop");
            cp.web("shop", 1, 2, "up", backend.port());
            Platform api = start(platform, apiPort);
            try (var router = Router.start(RouterConfig.fromEnv(cp.routerEnv("PAAS_API_URL",
                    "http://127.0.0.1:" + apiPort)))) {
                var client = new Client(router.port());
                Await.until("the router follows changes", Duration.ofSeconds(5), () -> router.syncer().following());

                api.close();
                Await.until("the router notices the control plane is gone", Duration.ofSeconds(5),
                        () -> !router.syncer().following());
                for (int i = 0; i < 20; i++) {
                    assertThat(client.get("shop.paas.test", "/").statusCode()).isEqualTo(200);
                }
                cp.addDomain("shop", "later.example");
                assertThat(client.get("later.example", "/").statusCode()).isEqualTo(404);

                api = start(platform, apiPort);
                Await.until("the domain added while it was down routes", Duration.ofSeconds(15),
                        () -> client.get("later.example", "/").statusCode() == 200);
                assertThat(router.syncer().following()).isTrue();
            } finally {
                api.close();
            }
        }
    }

    private static Platform start(TestPlatform platform, int port) {
        return Platform.start(ApiConfig.fromEnv(Map.of("DATABASE_URL", platform.databaseUrl(), "PORT",
                String.valueOf(port), "PAAS_DOMAIN", "paas.test", "DATABASE_POOL_SIZE", "4",
                "PAAS_AGENT_TIMEOUT_SECONDS", "3600")));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
