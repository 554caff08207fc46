package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class BuilderStartFailureTest {

    @Test
    void a_builder_that_cannot_take_its_port_leaves_no_timer_thread_behind(TestPlatform platform) throws Exception {
        long before = timerThreads();
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> TestBuilder.start(platform,
                    Map.of("PAAS_BUILDER_PORT", Integer.toString(taken.getLocalPort()))))
                    .as("the port is taken").isNotNull();
        }

        Await.until("the failed start's builder-timer threads end", Duration.ofSeconds(10),
                () -> timerThreads() <= before);
        assertThat(timerThreads()).isLessThanOrEqualTo(before);
    }

    private static long timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("builder-timer"))
                .count();
    }
}
