package dev.paas.api.host;

import dev.paas.api.agent.Admission;
import dev.paas.api.agent.AgentRepository;
import dev.paas.api.agent.AgentRow;
import dev.paas.api.agent.AgentService;
import dev.paas.api.app.AppRepository;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.route.RouteWatch;
import dev.paas.client.HostState;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts as operators run them: listing them, draining one (nothing new goes there, its slots move
 * elsewhere, web ones starting before they stop), taking it back, and removing one that holds nothing.
 */
public final class HostService {
    private static final Logger LOG = LoggerFactory.getLogger(HostService.class);
    private final Transactions transactions;
    private final AgentRepository agents;
    private final HostRepository hosts;
    private final AppRepository apps;
    private final Scheduler scheduler;
    private final AgentService agentService;
    private final RouteWatch routes;

    public HostService(Transactions transactions, AgentRepository agents, AppRepository apps, Scheduler scheduler,
                       AgentService agentService, RouteWatch routes) {
        this.transactions = transactions;
        this.agents = agents;
        this.hosts = new HostRepository();
        this.apps = apps;
        this.scheduler = scheduler;
        this.agentService = agentService;
        this.routes = routes;
    }

    List<HostRow> all() {
        var dsl = transactions.dsl();
        var usage = hosts.usage(dsl);
        return agents.all(dsl).stream().map(a -> row(a, usage.getOrDefault(a.id(),
                new HostRepository.Usage(0, 0)))).toList();
    }

    /**
     * Takes nothing new on the host and moves its slots to hosts with room, one app at a time (each in
     * its own transaction, the app's row locked, as any reschedule). A slot no open host has room for
     * stays and keeps running; undraining or adding a host lets it move on the monitor's next pass.
     */
    HostRow drain(String name) {
        AgentRow host = transactions.result(tx -> {
            var agent = lock(tx.dsl(), name);
            if (agent.admission() == Admission.REMOVED) {
                throw ApiFailure.conflict("Host " + name + " was removed; `paas hosts:undrain " + name
                        + "` admits it again.");
            }
            agents.admit(tx.dsl(), agent.id(), Admission.DRAINING);
            return agent;
        });
        LOG.info("at=info msg=\"host draining\" host={}", name);
        for (UUID appId : hosts.appsOn(transactions.dsl(), host.id())) {
            transactions.run(tx -> {
                if (apps.lockIfLive(tx.dsl(), appId)) {
                    scheduler.reschedule(tx, appId);
                }
            });
        }
        return one(name);
    }

    /** Back into placement: a draining host, or a removed one, which its agent may then join again. */
    HostRow undrain(String name) {
        transactions.run(tx -> agents.admit(tx.dsl(), lock(tx.dsl(), name).id(), Admission.ADMITTED));
        LOG.info("at=info msg=\"host admitted\" host={}", name);
        agentService.placeWaitingSlots(true);
        return one(name);
    }

    /**
     * Removes a drained or lost host that holds nothing: it leaves the listings' placement for good,
     * what its agent last reported is forgotten (routers drop it), and its agent, should it come back,
     * is told to run nothing until an operator undrains the host.
     */
    HostRow remove(String name) {
        transactions.run(tx -> {
            var agent = lock(tx.dsl(), name);
            var state = agent.hostState();
            if (state == HostState.REMOVED) {
                return;
            }
            if (state == HostState.UP) {
                throw ApiFailure.conflict("Host " + name + " is up and takes processes: drain it first with `paas "
                        + "hosts:drain " + name + "`, then remove it once `paas hosts` shows it holds nothing.");
            }
            var held = hosts.holdings(tx.dsl(), agent.id());
            if (!held.isEmpty()) {
                throw ApiFailure.conflict("Host " + name + " still holds " + String.join(", ", held) + ": "
                        + (state == HostState.DRAINING ? "wait for its slots to move (a slot no other host has room "
                        + "for stays: add a host or scale down), for one-offs to end, and destroy its add-ons"
                        : "destroy its add-ons and wait for its one-offs to be given up") + "; then remove it.");
            }
            var before = routes.before(tx.dsl(), agent.id(), List.of());
            hosts.forgetReports(tx.dsl(), agent.id());
            agents.admit(tx.dsl(), agent.id(), Admission.REMOVED);
            routes.emitChanges(tx, before);
        });
        LOG.info("at=info msg=\"host removed\" host={}", name);
        return one(name);
    }

    private AgentRow lock(org.jooq.DSLContext tx, String name) {
        return agents.lockByName(tx, name).orElseThrow(() -> ApiFailure.notFound("No host named " + name
                + "; `paas hosts` lists them."));
    }

    private HostRow one(String name) {
        return all().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    private static HostRow row(AgentRow a, HostRepository.Usage usage) {
        return new HostRow(a.name(), a.address(), a.hostState(), a.memoryMb(), usage.usedMb(), usage.processes(),
                a.lastHeartbeatAt());
    }
}
