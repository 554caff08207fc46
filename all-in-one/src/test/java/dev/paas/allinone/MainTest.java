package dev.paas.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.TestPlatform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The all-in-one process against the real Postgres and Docker engine. */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void a_component_that_cannot_start_stops_the_ones_started_before_it_and_the_process_exits_non_zero()
            throws Exception {
        try (var database = TestPlatform.withEnv(Map.of());
             var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int api = freePort();
            var env = new HashMap<String, String>();
            env.put("DATABASE_URL", database.databaseUrl());
            env.put("PORT", String.valueOf(api));
            env.put("PAAS_BACKUP_DIR", dir.resolve("backups").toString());
            env.put("PAAS_API_KEY", database.platform().createUser("admin@allinone.test", true));
            env.put("PAAS_AGENT_NAME", "allinone-test-" + UUID.randomUUID().toString().substring(0, 8));
            // The agent starts second: its health port is taken, so the API, started first, must be stopped.
            env.put("PAAS_AGENT_HEALTH_PORT", String.valueOf(taken.getLocalPort()));
            env.put("PAAS_BUILDER_PORT", String.valueOf(freePort()));
            env.put("PAAS_BUILDER_DATA_DIR", dir.resolve("builder").toString());
            env.put("PAAS_ROUTER_PORT", String.valueOf(freePort()));
            env.put("PAAS_ROUTER_ADMIN_PORT", String.valueOf(freePort()));
            env.put("PAAS_STOP_TIMEOUT", "20");

            int code = Main.run(env);

            assertThat(code).isEqualTo(70);
            assertThat(canBind(api)).as("the API's port is free again: the API was stopped").isTrue();
            assertThat(Files.exists(dir.resolve("builder"))).as("the builder never started").isFalse();
        }
    }

    @Test
    void without_the_router_the_api_agent_and_builder_start_and_the_routers_port_stays_free() throws Exception {
        try (var database = TestPlatform.withEnv(Map.of())) {
            int api = freePort();
            int builder = freePort();
            int router = freePort();
            var env = new HashMap<String, String>();
            env.put("DATABASE_URL", database.databaseUrl());
            env.put("PORT", String.valueOf(api));
            env.put("PAAS_BACKUP_DIR", dir.resolve("backups").toString());
            env.put("PAAS_API_KEY", database.platform().createUser("admin2@allinone.test", true));
            env.put("PAAS_AGENT_NAME", "allinone-test-" + UUID.randomUUID().toString().substring(0, 8));
            env.put("PAAS_AGENT_HEALTH_PORT", String.valueOf(freePort()));
            env.put("PAAS_BUILDER_PORT", String.valueOf(builder));
            env.put("PAAS_BUILDER_DATA_DIR", dir.resolve("builder").toString());
            env.put("PAAS_ROUTER_PORT", String.valueOf(router));
            env.put("PAAS_ALL_IN_ONE_ROUTER", "0");

            try (var lineup = Main.start(AllInOneConfig.fromEnv(env))) {
                assertThat(lineup.names()).isEqualTo("api,agent,builder");
                assertThat(canBind(api)).as("the API listens").isFalse();
                assertThat(canBind(builder)).as("the builder listens").isFalse();
                assertThat(canBind(router)).as("no router in this process").isTrue();
            }
            assertThat(canBind(api)).as("stopped with the others").isTrue();
        }
    }

    @Test
    void a_configuration_error_exits_78_before_anything_starts() throws Exception {
        int api = freePort();
        int code = Main.run(Map.of("DATABASE_URL", "postgres://nobody:x@127.0.0.1:9/none", "PORT",
                String.valueOf(api)));

        assertThat(code).isEqualTo(78);
        assertThat(canBind(api)).isTrue();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean canBind(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
