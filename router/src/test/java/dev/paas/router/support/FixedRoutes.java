package dev.paas.router.support;

import dev.paas.client.WebState;
import dev.paas.client.Json;
import dev.paas.client.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fixed route table for tests of how the router proxies, given in PAAS_ROUTER_ROUTES_FILE as in
 * benchmarks: no database, no control plane. Apps answer at {@code <app>.paas.test}; backends are on
 * 127.0.0.1. Tests of syncing routes from the control plane use {@link ControlPlane} instead.
 */
public final class FixedRoutes {
    private final List<Wire.AppRoute> routes = new ArrayList<>();

    /** An app whose web processes web.1, web.2, ... listen on {@code ports}. */
    public FixedRoutes app(String name, int... ports) {
        var backends = new ArrayList<Wire.RouteBackend>();
        for (int i = 0; i < ports.length; i++) {
            backends.add(new Wire.RouteBackend("web." + (i + 1), "127.0.0.1", ports[i], 2));
        }
        routes.add(new Wire.AppRoute(UUID.randomUUID(), name, List.of(name + ".paas.test"), WebState.UP, backends));
        return this;
    }

    /** Gives the app added last one more hostname. */
    public FixedRoutes domain(String hostname) {
        var last = routes.remove(routes.size() - 1);
        var hostnames = new ArrayList<>(last.hostnames());
        hostnames.add(hostname);
        routes.add(new Wire.AppRoute(last.appId(), last.app(), hostnames, last.web(), last.backends()));
        return this;
    }

    public UUID appId(String app) {
        return routes.stream().filter(r -> r.app().equals(app)).findFirst().orElseThrow().appId();
    }

    /** The router's settings for this table, with {@code overrides} on top. */
    public Map<String, String> routerEnv(Path dir, String... overrides) {
        Path file = dir.resolve("routes-" + UUID.randomUUID() + ".json");
        try {
            Files.write(file, Json.mapper().writeValueAsBytes(new Wire.RouteTable(1, routes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var env = new HashMap<String, String>(Map.of(
                "PAAS_ROUTER_ROUTES_FILE", file.toString(),
                "PAAS_ROUTER_PORT", "0",
                "PAAS_ROUTER_ADMIN_PORT", "0",
                "PAAS_DOMAIN", "paas.test",
                "PAAS_ROUTER_IO_THREADS", "2"));
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return env;
    }
}
