package dev.paas.api.instance;

import static dev.paas.api.db.Schema.Formations;
import static dev.paas.api.db.Schema.Instances;

import dev.paas.api.agent.AgentRepository;
import dev.paas.api.event.EventLog;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.client.DynoSize;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Turns an app's formation into slots placed on agents. Called in the transaction of every change
 * that moves the desired state (deploy, rollback, config, scale, destroy), with the app's row locked.
 */
public final class Scheduler {
    private final ReleaseRepository releases;
    private final AgentRepository agents;
    private final EventLog events;

    public Scheduler(ReleaseRepository releases, AgentRepository agents, EventLog events) {
        this.releases = releases;
        this.agents = agents;
        this.events = events;
    }

    private record Slot(UUID id, String type, int index, UUID agentId) {
    }

    public void reschedule(DSLContext tx, UUID appId) {
        Set<String> types = releases.latest(tx, appId).filter(r -> r.image() != null)
                .map(r -> r.processTypes().keySet()).orElse(Set.of());
        Map<String, Integer> quantities = new HashMap<>();
        Map<String, Integer> memory = new HashMap<>();
        tx.select(Formations.TYPE, Formations.QUANTITY, Formations.SIZE).from(Formations.T)
                .where(Formations.APP_ID.eq(appId)).fetch().forEach(r -> {
                    if (types.contains(r.value1())) {
                        quantities.put(r.value1(), r.value2());
                        memory.put(r.value1(), DynoSize.of(r.value3()).orElse(DynoSize.DEFAULT).memoryMb());
                    }
                });
        List<Slot> slots = tx.select(Instances.ID, Instances.TYPE, Instances.INDEX, Instances.AGENT_ID)
                .from(Instances.T).where(Instances.APP_ID.eq(appId))
                .fetch(r -> new Slot(r.value1(), r.value2(), r.value3(), r.value4()));

        Set<UUID> touched = new HashSet<>();
        boolean changed = false;
        for (Slot slot : slots) {
            if (slot.index() > quantities.getOrDefault(slot.type(), 0)) {
                tx.deleteFrom(Instances.T).where(Instances.ID.eq(slot.id())).execute();
                changed = true;
                if (slot.agentId() != null) {
                    touched.add(slot.agentId());
                }
            }
        }
        List<Placement.Load> loads = new ArrayList<>(loads(tx, appId));
        for (var q : quantities.entrySet()) {
            for (int index = 1; index <= q.getValue(); index++) {
                int i = index;
                Slot existing = slots.stream().filter(s -> s.type().equals(q.getKey()) && s.index() == i)
                        .findFirst().orElse(null);
                if (existing != null && existing.agentId() != null) {
                    continue;
                }
                var chosen = Placement.choose(loads, memory.get(q.getKey()));
                UUID agentId = chosen.map(Placement.Load::agentId).orElse(null);
                chosen.ifPresent(l -> {
                    loads.remove(l);
                    loads.add(l.plus(memory.get(q.getKey())));
                    touched.add(l.agentId());
                });
                changed |= existing == null || agentId != null;
                if (existing == null) {
                    tx.insertInto(Instances.T).set(Instances.ID, UUID.randomUUID()).set(Instances.APP_ID, appId)
                            .set(Instances.TYPE, q.getKey()).set(Instances.INDEX, index)
                            .set(Instances.AGENT_ID, agentId).execute();
                } else if (agentId != null) {
                    tx.update(Instances.T).set(Instances.AGENT_ID, agentId).where(Instances.ID.eq(existing.id()))
                            .execute();
                }
            }
        }
        if (changed) {
            events.append(tx, appId, "instances.changed",
                    Map.of("agents", touched.stream().map(UUID::toString).sorted().toList()));
        }
    }

    /** Every alive agent's memory in use and how many of this app's slots it runs. */
    private List<Placement.Load> loads(DSLContext tx, UUID appId) {
        Map<UUID, int[]> used = new HashMap<>();
        tx.select(Instances.AGENT_ID, Instances.APP_ID, Formations.SIZE).from(Instances.T)
                .join(Formations.T).on(Formations.APP_ID.eq(Instances.APP_ID)).and(Formations.TYPE.eq(Instances.TYPE))
                .where(Instances.AGENT_ID.isNotNull()).fetch().forEach(r -> {
                    int[] u = used.computeIfAbsent(r.value1(), k -> new int[2]);
                    u[0] += DynoSize.of(r.value3()).orElse(DynoSize.DEFAULT).memoryMb();
                    if (appId.equals(r.value2())) {
                        u[1]++;
                    }
                });
        return agents.alive(tx).stream().map(a -> {
            int[] u = used.getOrDefault(a.id(), new int[2]);
            return new Placement.Load(a.id(), a.name(), a.memoryMb(), u[0], u[1]);
        }).toList();
    }

    /** Slots of {@code agentId}, which was lost, go back to be placed elsewhere. Returns their apps. */
    public Set<UUID> release(DSLContext tx, UUID agentId) {
        OneOffRepository.abandon(tx, agentId);
        var apps = new HashSet<>(tx.update(Instances.T).setNull(Instances.AGENT_ID)
                .where(Instances.AGENT_ID.eq(agentId)).returningResult(Instances.APP_ID).fetch(r -> r.value1()));
        return apps;
    }

    /** The agent for a one-off process: the one with room that runs the fewest of the app's processes. */
    java.util.Optional<UUID> placeOneOff(DSLContext tx, UUID appId, int memoryMb) {
        return Placement.choose(loads(tx, appId), memoryMb).map(Placement.Load::agentId);
    }

    /** Apps with slots waiting for an agent. */
    public Set<UUID> unplaced(DSLContext dsl) {
        return new HashSet<>(dsl.selectDistinct(Instances.APP_ID).from(Instances.T).where(Instances.AGENT_ID.isNull())
                .fetch(r -> r.value1()));
    }
}
