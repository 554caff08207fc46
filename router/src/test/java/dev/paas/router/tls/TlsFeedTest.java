package dev.paas.router.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.EventKind;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import dev.paas.router.route.RouteSource;
import dev.paas.router.route.RouteStore;
import dev.paas.router.route.RouteSyncer;
import dev.paas.router.support.ControlPlane;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the router learns of certificates: the control plane's feed, and its change events. */
@ExtendWith(PlatformExtension.class)
class TlsFeedTest {

    @Test
    void a_control_plane_without_the_tls_feed_yet_gives_no_certificates_rather_than_an_error(TestPlatform platform) {
        var cp = new ControlPlane(platform);
        var source = new ControlPlaneTlsSource(new PlatformClient(URI.create(platform.baseUrl()), cp.admin()));

        Wire.RouterTls feed = source.fetch();

        assertThat(feed.certificates()).isEmpty();
        assertThat(feed.acmeChallenges()).isEmpty();
        assertThat(feed.policies()).isEmpty();
    }

    @Test
    void a_tls_changed_event_on_the_route_stream_asks_for_the_feed_again() throws Exception {
        var refreshed = new CountDownLatch(1);
        var source = new RouteSource() {
            @Override
            public Wire.RouteTable list() {
                return new Wire.RouteTable(1, List.of());
            }

            @Override
            public void follow(long eventId, Consumer<Wire.Event> onEvent) {
                onEvent.accept(new Wire.Event(2, null, EventKind.TLS_CHANGED.wire(), Map.of(), Instant.now()));
                try {
                    Thread.sleep(Duration.ofSeconds(30)); // a stream with nothing more to say, until closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (var syncer = new RouteSyncer(source, new RouteStore(), Duration.ofMillis(10), Duration.ofMinutes(5),
                Map.of(EventKind.TLS_CHANGED, refreshed::countDown)).start()) {
            assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
