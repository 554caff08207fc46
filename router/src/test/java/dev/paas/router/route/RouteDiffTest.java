package dev.paas.router.route;

import dev.paas.client.WebState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.Wire;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteDiffTest {
    private static final UUID SHOP = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID BLOG = UUID.fromString("00000000-0000-0000-0000-000000000002");

    static Stream<Arguments> cases() {
        var shop = app(SHOP, "shop", List.of("shop.test"), "up", backend("web.1", 5001));
        return Stream.of(
                Arguments.of("nothing changed", List.of(shop), List.of(shop), List.of()),
                Arguments.of("first listing", List.of(), List.of(shop),
                        List.of("host_added shop shop.test", "backend_added shop web.1@127.0.0.1:5001",
                                "web_changed shop none->up")),
                Arguments.of("a custom domain added", List.of(shop),
                        List.of(app(SHOP, "shop", List.of("shop.test", "www.shop.example"), "up",
                                backend("web.1", 5001))),
                        List.of("host_added shop www.shop.example")),
                Arguments.of("scaled up", List.of(shop),
                        List.of(app(SHOP, "shop", List.of("shop.test"), "up", backend("web.1", 5001),
                                backend("web.2", 5002))),
                        List.of("backend_added shop web.2@127.0.0.1:5002")),
                Arguments.of("deployed: new process, new port", List.of(shop),
                        List.of(app(SHOP, "shop", List.of("shop.test"), "up", backend("web.1", 5003))),
                        List.of("backend_removed shop web.1@127.0.0.1:5001", "backend_added shop web.1@127.0.0.1:5003")),
                Arguments.of("crashed", List.of(shop), List.of(app(SHOP, "shop", List.of("shop.test"), "crashed")),
                        List.of("backend_removed shop web.1@127.0.0.1:5001", "web_changed shop up->crashed")),
                Arguments.of("hostname moved to another app", List.of(shop),
                        List.of(app(SHOP, "shop", List.of(), "up", backend("web.1", 5001)),
                                app(BLOG, "blog", List.of("shop.test"), "none")),
                        List.of("host_removed shop shop.test", "host_added blog shop.test")),
                Arguments.of("app destroyed", List.of(shop), List.of(),
                        List.of("host_removed shop shop.test", "backend_removed shop web.1@127.0.0.1:5001")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_diff_names_each_change(String name, List<Wire.AppRoute> before, List<Wire.AppRoute> after,
                                    List<String> expected) {
        RouteTable old = RouteTable.build(new Wire.RouteTable(1, before), RouteTable.EMPTY);
        RouteTable next = RouteTable.build(new Wire.RouteTable(2, after), old);

        assertThat(RouteDiff.diff(old, next)).map(RouteDiffTest::describe).containsExactlyElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void a_backend_that_stays_keeps_its_identity_and_in_flight_count() {
        var listing = new Wire.RouteTable(1, List.of(app(SHOP, "shop", List.of("shop.test"), "up",
                backend("web.1", 5001))));
        RouteTable old = RouteTable.build(listing, RouteTable.EMPTY);
        old.lookup("shop.test").backends().getFirst().begin();

        RouteTable next = RouteTable.build(new Wire.RouteTable(2, listing.routes()), old);

        assertThat(next.lookup("SHOP.test:80").backends().getFirst()).isSameAs(old.lookup("shop.test").backends()
                .getFirst());
        assertThat(next.lookup("shop.test.").backends().getFirst().outstanding()).isEqualTo(1);
    }

    private static String describe(RouteDiff.Change change) {
        return switch (change) {
            case RouteDiff.HostAdded c -> "host_added " + c.app() + " " + c.host();
            case RouteDiff.HostRemoved c -> "host_removed " + c.app() + " " + c.host();
            case RouteDiff.BackendAdded c -> "backend_added " + c.app() + " " + c.backend();
            case RouteDiff.BackendRemoved c -> "backend_removed " + c.app() + " " + c.backend();
            case RouteDiff.WebChanged c -> "web_changed " + c.app() + " " + c.from() + "->" + c.to();
        };
    }

    private static Wire.AppRoute app(UUID id, String name, List<String> hosts, String web, Wire.RouteBackend... b) {
        return new Wire.AppRoute(id, name, hosts, WebState.of(web), List.of(b));
    }

    private static Wire.RouteBackend backend(String dyno, int port) {
        return new Wire.RouteBackend(dyno, "127.0.0.1", port, 2);
    }
}
