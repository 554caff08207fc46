package dev.paas.api.addon;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.put;

import dev.paas.api.agent.AgentRow;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The agents' side of add-ons: {@code GET /agents/{agent}/addons} (what to run, credentials included,
 * hence admin tokens only) and {@code PUT /agents/{agent}/addon-reports} (how they are).
 */
public final class AgentAddonHandler {
    private static final Set<String> STATES = Set.of("starting", "ready", "failed");
    private static final int MAX_REPORTS = 10_000;
    private final AddonService service;
    private final Bodies bodies;

    public AgentAddonHandler(AddonService service, Bodies bodies) {
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/agents/{agent}/addons", this::desired),
                put("/agents/{agent}/addon-reports", this::report));
    }

    void desired(Context ctx) {
        ctx.json(service.desired(agent(ctx)));
    }

    void report(Context ctx) {
        AgentRow agent = agent(ctx);
        List<Wire.AddonReport> reports = bodies.read(ctx, Wire.AddonReports.class).addons();
        if (reports == null || reports.size() > MAX_REPORTS) {
            throw ApiFailure.invalid("Send {\"addons\": [...]} with at most " + MAX_REPORTS + " reports.");
        }
        for (var r : reports) {
            if (r == null || r.id() == null || !STATES.contains(r.state())) {
                throw ApiFailure.invalid("Each add-on report needs id and a state of " + STATES + ".");
            }
        }
        service.report(agent, reports);
        ctx.status(204);
    }

    private AgentRow agent(Context ctx) {
        if (!CurrentUser.of(ctx).admin()) {
            throw ApiFailure.forbidden("Only admin tokens may act as runtime agents.");
        }
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("agent"));
        } catch (IllegalArgumentException e) {
            id = null;
        }
        return (id == null ? java.util.Optional.<AgentRow>empty() : service.agent(id)).orElseThrow(() ->
                ApiFailure.notFound("Unknown agent " + ctx.pathParam("agent") + ": register it first."));
    }
}
