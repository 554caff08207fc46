package dev.paas.api.host;

import static dev.paas.api.http.Route.delete;
import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.post;

import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /hosts}: the runtime agents' hosts, for operators only (admin tokens); anyone else learns
 * nothing, not even whether a host exists.
 */
public final class HostHandler {
    private final HostService service;

    public HostHandler(HostService service) {
        this.service = service;
    }

    public List<Route> routes() {
        return List.of(
                get("/hosts", this::list),
                post("/hosts/{host}/actions/drain", this::drain),
                post("/hosts/{host}/actions/undrain", this::undrain),
                delete("/hosts/{host}", this::remove));
    }

    void list(Context ctx) {
        operator(ctx);
        ctx.json(service.all().stream().map(HostHandler::wire).toList());
    }

    void drain(Context ctx) {
        operator(ctx);
        ctx.json(wire(service.drain(ctx.pathParam("host"))));
    }

    void undrain(Context ctx) {
        operator(ctx);
        ctx.json(wire(service.undrain(ctx.pathParam("host"))));
    }

    void remove(Context ctx) {
        operator(ctx);
        ctx.json(wire(service.remove(ctx.pathParam("host"))));
    }

    private static void operator(Context ctx) {
        if (!CurrentUser.of(ctx).admin()) {
            throw ApiFailure.forbidden("Only operators (admin tokens) may see or change hosts.");
        }
    }

    private static Wire.Host wire(HostRow h) {
        return new Wire.Host(h.name(), h.address(), h.state(), h.memoryMb(), h.usedMb(), h.processes(),
                h.lastHeartbeatAt().toInstant(), null);
    }
}
