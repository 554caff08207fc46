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
import dev.paas.router.support.TestCerts;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the router learns of certificates: the control plane's feed, and its change events. */
@ExtendWith(PlatformExtension.class)
class TlsFeedTest {

    @Test
    void a_certificate_uploaded_to_the_control_plane_is_served_for_its_domain_with_its_apps_https_options(
            TestPlatform platform, @TempDir Path dir) throws Exception {
        var cp = new ControlPlane(platform);
        cp.createApp("shop");
        cp.addDomain("shop", "www.shop.test");
        var certs = new TestCerts(dir);
        var own = certs.issue("www.shop.test");
        var fallback = certs.issue("*.paas.test");
        var json = new ObjectMapper();
        var uploaded = cp.api().post(cp.admin(), "/apps/shop/sni-endpoints", json.writeValueAsString(
                Map.of("certificate_chain", own.chainPem(), "private_key", own.keyPem())));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var options = cp.api().patch(cp.admin(), "/apps/shop/https", "{\"redirect_http\":true,\"hsts\":true}");
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        String appId = cp.api().get(cp.admin(), "/apps/shop").json().get("id").asText();
        var source = new ControlPlaneTlsSource(new PlatformClient(URI.create(platform.baseUrl()), cp.admin()));

        try (var store = new TlsStore(source, new TlsContexts(false), fallback.chainFile(), fallback.keyFile())
                .start(Duration.ofMinutes(5))) {
            var table = store.table();

            assertThat(table.exact()).containsOnlyKeys("www.shop.test");
            assertThat(table.select("www.shop.test")).isNotSameAs(table.select("other.paas.test"));
            assertThat(table.select("other.paas.test")).isSameAs(table.fallback());
            assertThat(table.policy(java.util.UUID.fromString(appId)))
                    .isEqualTo(new Wire.HttpsPolicy(java.util.UUID.fromString(appId), true, true));
        }
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
