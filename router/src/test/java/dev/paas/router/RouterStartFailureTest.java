package dev.paas.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.router.Main.Router;
import dev.paas.router.support.Await;
import dev.paas.router.support.FixedRoutes;
import dev.paas.router.support.LogLines;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterStartFailureTest {
    @TempDir
    Path dir;

    @Test
    void a_router_that_cannot_bind_its_port_leaves_no_thread_behind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var env = new FixedRoutes().app("shop", 1).routerEnv(dir,
                    "PAAS_ROUTER_PORT", Integer.toString(taken.getLocalPort()), "PAAS_ROUTER_BIND", "127.0.0.1");

            assertThatThrownBy(() -> Router.start(RouterConfig.fromEnv(env), new LogLines()))
                    .hasMessageContaining("Address already in use");
        }

        Await.until("the failed start's threads end", Duration.ofSeconds(10), () -> startedSince(before).isEmpty());
        assertThat(startedSince(before)).isEmpty();
    }

    /** Live threads that were not there before, but the JDK's own shared pools. */
    private static List<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName)
                .filter(name -> !name.startsWith("ForkJoinPool") && !name.startsWith("process reaper")
                        && !name.startsWith("Attach Listener"))
                .collect(Collectors.toList());
    }
}
