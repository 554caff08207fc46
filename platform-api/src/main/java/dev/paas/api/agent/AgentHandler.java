package dev.paas.api.agent;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.post;
import static dev.paas.api.http.Route.put;

import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/**
 * {@code /agents}: runtime agents register, heartbeat, read the slots placed on them and report
 * what runs. Only admin tokens may act as agents: they see every app's config.
 */
public final class AgentHandler {
    private static final int MAX_REPORTS = 10_000;
    private final AgentService service;
    private final Bodies bodies;

    public AgentHandler(AgentService service, Bodies bodies) {
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/agents", this::list),
                post("/agents", this::register),
                post("/agents/{agent}/heartbeat", this::heartbeat),
                get("/agents/{agent}/instances", this::desired),
                put("/agents/{agent}/reports", this::report));
    }

    void list(Context ctx) {
        admin(ctx);
        ctx.json(service.all().stream().map(AgentHandler::wire).toList());
    }

    void register(Context ctx) {
        admin(ctx);
        var body = bodies.read(ctx, Wire.AgentRegistration.class);
        if (body.name() == null || !body.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            throw ApiFailure.invalid("Agent 'name' must be 1-63 letters, digits, '.', '_' or '-', such as host-1.");
        }
        if (body.address() == null || !body.address().matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
            throw ApiFailure.invalid("Agent 'address' must be the IP or hostname where its containers' ports are "
                    + "reachable, such as 127.0.0.1.");
        }
        if (body.memoryMb() == null || body.memoryMb() < 128 || body.memoryMb() > 16 * 1024 * 1024) {
            throw ApiFailure.invalid("Agent 'memory_mb' must be the memory it offers, from 128 MB.");
        }
        ctx.status(201).json(wire(service.register(body.name(), body.address(), body.memoryMb())));
    }

    void heartbeat(Context ctx) {
        admin(ctx);
        service.heartbeat(agentId(ctx), ctx.pathParam("agent"));
        ctx.status(204);
    }

    void desired(Context ctx) {
        admin(ctx);
        ctx.json(service.desired(agent(ctx)));
    }

    void report(Context ctx) {
        admin(ctx);
        AgentRow agent = agent(ctx);
        List<Wire.InstanceReport> reports = bodies.read(ctx, Wire.InstanceReports.class).instances();
        if (reports == null || reports.size() > MAX_REPORTS) {
            throw ApiFailure.invalid("Send {\"instances\": [...]} with at most " + MAX_REPORTS + " reports.");
        }
        for (var r : reports) {
            if (r == null || r.containerId() == null || r.appId() == null || r.type() == null
                    || r.state() == null || !r.state().reportable()) {
                throw ApiFailure.invalid("Each report needs container_id, app_id, type, index, release and a state "
                        + "of starting, up, crashed or down.");
            }
        }
        service.report(agent, reports);
        ctx.status(204);
    }

    private AgentRow agent(Context ctx) {
        return service.require(agentId(ctx), ctx.pathParam("agent"));
    }

    private static UUID agentId(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("agent"));
        } catch (IllegalArgumentException e) {
            throw ApiFailure.notFound("Unknown agent " + ctx.pathParam("agent") + ".");
        }
    }

    private static void admin(Context ctx) {
        if (!CurrentUser.of(ctx).admin()) {
            throw ApiFailure.forbidden("Only admin tokens may act as runtime agents.");
        }
    }

    static Wire.Agent wire(AgentRow a) {
        return new Wire.Agent(a.id(), a.name(), a.address(), a.memoryMb(), a.status(), a.lastHeartbeatAt().toInstant());
    }
}
