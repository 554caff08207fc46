package dev.paas.api.agent;

import dev.paas.api.app.AppRepository;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.instance.InstanceRepository;
import dev.paas.api.instance.OneOffRepository;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.route.RouteWatch;
import dev.paas.client.Wire;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runtime agents: registering, heartbeats, their desired slots and reports, and placing slots on them. */
public final class AgentService {
    private static final Logger LOG = LoggerFactory.getLogger(AgentService.class);
    private final Transactions transactions;
    private final AgentRepository agents;
    private final AppRepository apps;
    private final InstanceRepository instances;
    private final OneOffRepository oneOffs;
    private final Scheduler scheduler;
    private final RouteWatch routes;

    public AgentService(Transactions transactions, AgentRepository agents, AppRepository apps,
                        InstanceRepository instances, OneOffRepository oneOffs, Scheduler scheduler,
                        RouteWatch routes) {
        this.transactions = transactions;
        this.agents = agents;
        this.apps = apps;
        this.instances = instances;
        this.oneOffs = oneOffs;
        this.scheduler = scheduler;
        this.routes = routes;
    }

    List<AgentRow> all() {
        return agents.all(transactions.dsl());
    }

    /** Registers (or re-registers) and places any slots that were waiting for an agent. */
    AgentRow register(String name, String address, int memoryMb) {
        AgentRow agent = transactions.result(tx -> agents.register(tx.dsl(), name, address, memoryMb));
        // Waits for an app another pass is placing: that pass may have read the agents' room before
        // this agent (or room freed just before) was there, and skipping would leave its slots waiting.
        placeWaitingSlots(true);
        return agent;
    }

    void heartbeat(UUID agentId, String given) {
        refuseRemoved(require(agentId, given));
        if (!agents.heartbeat(transactions.dsl(), agentId)) {
            throw ApiFailure.notFound("Unknown agent " + given + ": register it first.");
        }
    }

    /** A removed host's agent may still ask what to run (nothing), but takes no part otherwise. */
    private static void refuseRemoved(AgentRow agent) {
        if (agent.admission() == Admission.REMOVED) {
            throw ApiFailure.forbidden("Host " + agent.name() + " was removed from the platform: it runs nothing. "
                    + "An operator admits it again with `paas hosts:undrain " + agent.name() + "`.");
        }
    }

    AgentRow require(UUID agentId, String given) {
        return agents.find(transactions.dsl(), agentId).orElseThrow(() -> ApiFailure.notFound("Unknown agent "
                + given + ": register it first."));
    }

    /**
     * The slots the agent should run: its formation slots (and those it hands off, until their new
     * process is up), then its one-offs. A removed host's agent runs nothing: what it still runs
     * moved elsewhere long ago, and stops.
     */
    List<Wire.AgentInstance> desired(AgentRow agent) {
        if (agent.admission() == Admission.REMOVED) {
            return List.of();
        }
        var slots = new ArrayList<>(instances.desired(transactions.dsl(), agent.id()));
        slots.addAll(oneOffs.desired(transactions.dsl(), agent.id()));
        return slots;
    }

    /** Replaces what the agent runs with its report; announces the route changes that follow from it. */
    void report(AgentRow agent, List<Wire.InstanceReport> reports) {
        refuseRemoved(agent);
        transactions.run(tx -> {
            var routesBefore = routes.before(tx.dsl(), agent.id(), reports);
            instances.replaceReports(tx.dsl(), agent.id(), agent.address(), reports);
            oneOffs.apply(tx.dsl(), agent.id(), reports);
            routes.emitChanges(tx, routesBefore);
            // After the routes: routers hear of the new process before the old one's agent is told to drain it.
            scheduler.settleHandoffs(tx, agent.id());
        });
        agents.heartbeat(transactions.dsl(), agent.id());
    }

    /** Agents silent for longer than {@code timeout} are lost: their slots go back to be placed elsewhere. */
    void releaseLost(Duration timeout) {
        transactions.run(tx -> {
            for (var lost : agents.markLost(tx.dsl(), OffsetDateTime.now().minus(timeout))) {
                LOG.warn("at=warn msg=\"agent lost: no heartbeat\" agent={} timeout_s={}", lost, timeout.toSeconds());
                scheduler.release(tx.dsl(), lost);
            }
        });
    }

    /** Slots left without an agent (none had room, or theirs was lost) are placed again. */
    void placeWaitingSlots() {
        placeWaitingSlots(false);
    }

    /** Without {@code wait}, an app busy in another transaction is left to the next pass. */
    public void placeWaitingSlots(boolean wait) {
        for (UUID appId : scheduler.unplaced(transactions.dsl())) {
            transactions.run(tx -> {
                if (wait ? apps.lockIfLive(tx.dsl(), appId) : apps.tryLock(tx.dsl(), appId)) {
                    scheduler.reschedule(tx, appId);
                }
            });
        }
    }
}
