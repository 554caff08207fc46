package dev.paas.router.route;

import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.util.function.Consumer;

/** The control plane's GET /routes and its /events stream. */
public final class ControlPlaneRouteSource implements RouteSource {
    private final PlatformClient client;

    public ControlPlaneRouteSource(PlatformClient client) {
        this.client = client;
    }

    @Override
    public Wire.RouteTable list() {
        return client.routes();
    }

    @Override
    public void follow(long eventId, Consumer<Wire.Event> onEvent) {
        client.followEvents(eventId, onEvent);
    }
}
