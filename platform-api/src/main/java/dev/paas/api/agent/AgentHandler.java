package dev.paas.api.agent;

import dev.paas.api.app.AppRepository;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.instance.InstanceRepository;
import dev.paas.api.instance.OneOffRepository;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.route.RouteWatch;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * {@code /agents}: runtime agents register, heartbeat, read the slots placed on them and report
 * what runs. Only admin tokens may act as agents: they see every app's config.
 */
public final class AgentHandler {
    private static final int MAX_REPORTS = 10_000;
    private final DSLContext dsl;
    private final AgentRepository agents;
    private final AppRepository apps;
    private final InstanceRepository instances;
    private final Scheduler scheduler;
    private final Bodies bodies;
    private final RouteWatch routes;
    private final OneOffRepository oneOffs;

    public AgentHandler(DSLContext dsl, AgentRepository agents, AppRepository apps, InstanceRepository instances,
                        OneOffRepository oneOffs, Scheduler scheduler, Bodies bodies, RouteWatch routes) {
        this.oneOffs = oneOffs;
        this.dsl = dsl;
        this.agents = agents;
        this.apps = apps;
        this.instances = instances;
        this.scheduler = scheduler;
        this.bodies = bodies;
        this.routes = routes;
    }

    public void list(Context ctx) {
        admin(ctx);
        ctx.json(agents.all(dsl).stream().map(AgentHandler::wire).toList());
    }

    /** Registers (or re-registers) and places any slots that were waiting for an agent. */
    public void register(Context ctx) {
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
        AgentRow agent = dsl.transactionResult(cfg -> agents.register(cfg.dsl(), body.name(), body.address(),
                body.memoryMb()));
        placeWaitingSlots();
        ctx.status(201).json(wire(agent));
    }

    public void heartbeat(Context ctx) {
        admin(ctx);
        if (!agents.heartbeat(dsl, agentId(ctx))) {
            throw ApiFailure.notFound("Unknown agent " + ctx.pathParam("agent") + ": register it first.");
        }
        ctx.status(204);
    }

    public void desired(Context ctx) {
        admin(ctx);
        var id = agent(ctx).id();
        var slots = new java.util.ArrayList<>(instances.desired(dsl, id));
        slots.addAll(oneOffs.desired(dsl, id));
        ctx.json(slots);
    }

    public void report(Context ctx) {
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
        dsl.transaction(cfg -> {
            var routesBefore = routes.before(cfg.dsl(), agent.id(), reports);
            instances.replaceReports(cfg.dsl(), agent.id(), agent.address(), reports);
            oneOffs.apply(cfg.dsl(), agent.id(), reports);
            routes.emitChanges(cfg.dsl(), routesBefore);
        });
        agents.heartbeat(dsl, agent.id());
        ctx.status(204);
    }

    /** Slots left without an agent (none had room, or theirs was lost) are placed again. */
    public void placeWaitingSlots() {
        for (UUID appId : scheduler.unplaced(dsl)) {
            dsl.transaction(cfg -> {
                if (apps.tryLock(cfg.dsl(), appId)) {
                    scheduler.reschedule(cfg.dsl(), appId);
                }
            });
        }
    }

    private AgentRow agent(Context ctx) {
        return agents.find(dsl, agentId(ctx)).orElseThrow(() -> ApiFailure.notFound("Unknown agent "
                + ctx.pathParam("agent") + ": register it first."));
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
