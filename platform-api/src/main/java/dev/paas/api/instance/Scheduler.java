package dev.paas.api.instance;

import static dev.paas.api.db.Schema.Formations;
import static dev.paas.api.db.Schema.Instances;
import static dev.paas.api.db.Schema.OneOffDynos;

import dev.paas.api.agent.AgentRepository;
import dev.paas.api.event.EventLog;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.client.DynoSize;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /**
     * Places every slot of the app's formation with its size counted: a slot stays on its agent
     * while the agent still has room for it (at its current size), else it moves to one that has,
     * else it waits, unplaced, until one has (see {@link #placementReasons}).
     */
    public void reschedule(DSLContext tx, UUID appId) {
        Set<String> types = releases.latest(tx, appId).filter(r -> r.image() != null)
                .map(r -> r.processTypes().keySet()).orElse(Set.of());
        Map<String, Integer> quantities = new TreeMap<>();
        Map<String, Integer> memory = new HashMap<>();
        tx.select(Formations.TYPE, Formations.QUANTITY, Formations.SIZE).from(Formations.T)
                .where(Formations.APP_ID.eq(appId)).fetch().forEach(r -> {
                    if (types.contains(r.value1())) {
                        quantities.put(r.value1(), r.value2());
                        memory.put(r.value1(), DynoSize.of(r.value3()).orElse(DynoSize.DEFAULT).memoryMb());
                    }
                });
        List<Slot> slots = tx.select(Instances.ID, Instances.TYPE, Instances.INDEX, Instances.AGENT_ID)
                .from(Instances.T).where(Instances.APP_ID.eq(appId)).orderBy(Instances.TYPE, Instances.INDEX)
                .fetch(r -> new Slot(r.value1(), r.value2(), r.value3(), r.value4()));

        Set<UUID> touched = new HashSet<>();
        boolean changed = false;
        Map<String, Slot> existing = new HashMap<>();
        for (Slot slot : slots) {
            if (slot.index() > quantities.getOrDefault(slot.type(), 0)) {
                tx.deleteFrom(Instances.T).where(Instances.ID.eq(slot.id())).execute();
                changed = true;
                if (slot.agentId() != null) {
                    touched.add(slot.agentId());
                }
            } else {
                existing.put(slot.type() + "." + slot.index(), slot);
            }
        }
        // Other apps' use only: this app's slots are counted as they are kept or placed below.
        Map<UUID, Placement.Load> loads = new LinkedHashMap<>();
        loads(tx, appId, false).forEach(l -> loads.put(l.agentId(), l));
        var pending = new ArrayList<String>();
        for (var q : quantities.entrySet()) {
            int mb = memory.get(q.getKey());
            for (int index = 1; index <= q.getValue(); index++) {
                String dyno = q.getKey() + "." + index;
                Slot slot = existing.get(dyno);
                Placement.Load load = slot == null || slot.agentId() == null ? null : loads.get(slot.agentId());
                if (load != null && load.fits(mb)) {
                    loads.put(load.agentId(), load.plus(mb));
                } else {
                    pending.add(dyno);
                }
            }
        }
        for (String dyno : pending) {
            String type = dyno.substring(0, dyno.lastIndexOf('.'));
            int index = Integer.parseInt(dyno.substring(dyno.lastIndexOf('.') + 1));
            int mb = memory.get(type);
            var chosen = Placement.choose(List.copyOf(loads.values()), mb);
            UUID agentId = chosen.map(Placement.Load::agentId).orElse(null);
            chosen.ifPresent(l -> loads.put(l.agentId(), l.plus(mb)));
            Slot slot = existing.get(dyno);
            if (slot == null) {
                tx.insertInto(Instances.T).set(Instances.ID, UUID.randomUUID()).set(Instances.APP_ID, appId)
                        .set(Instances.TYPE, type).set(Instances.INDEX, index)
                        .set(Instances.AGENT_ID, agentId).execute();
                changed = true;
            } else if (!java.util.Objects.equals(slot.agentId(), agentId)) {
                tx.update(Instances.T).set(Instances.AGENT_ID, agentId).where(Instances.ID.eq(slot.id())).execute();
                changed = true;
                if (slot.agentId() != null) {
                    touched.add(slot.agentId());
                }
            }
            if (agentId != null) {
                touched.add(agentId);
            }
        }
        if (changed) {
            events.append(tx, appId, "instances.changed",
                    Map.of("agents", touched.stream().map(UUID::toString).sorted().toList()));
        }
    }

    /** A resized process type's slots restart, so their containers get the new limits. */
    public void resized(DSLContext tx, UUID appId, String type) {
        tx.update(Instances.T).set(Instances.GENERATION, Instances.GENERATION.plus(1))
                .where(Instances.APP_ID.eq(appId)).and(Instances.TYPE.eq(type)).execute();
    }

    /** The memory of each alive agent, for {@link Placement#neverFits}. */
    public List<Integer> capacities(DSLContext dsl) {
        return agents.alive(dsl).stream().map(a -> a.memoryMb()).toList();
    }

    /** Why each of the app's unplaced slots ({@code web.2}) waits. */
    Map<String, String> placementReasons(DSLContext dsl, UUID appId) {
        var loads = loads(dsl, appId, true);
        var reasons = new HashMap<String, String>();
        dsl.select(Instances.TYPE, Instances.INDEX, Formations.SIZE).from(Instances.T)
                .join(Formations.T).on(Formations.APP_ID.eq(Instances.APP_ID)).and(Formations.TYPE.eq(Instances.TYPE))
                .where(Instances.APP_ID.eq(appId)).and(Instances.AGENT_ID.isNull())
                .fetch().forEach(r -> reasons.put(r.value1() + "." + r.value2(), Placement.waitingReason(loads,
                        DynoSize.of(r.value3()).orElse(DynoSize.DEFAULT).memoryMb())));
        return reasons;
    }

    /**
     * Every alive agent's memory in use (slots at their size and unfinished one-offs) and how many
     * of this app's slots it runs; without {@code withApp}, this app's slots are not counted.
     */
    private List<Placement.Load> loads(DSLContext tx, UUID appId, boolean withApp) {
        Map<UUID, int[]> used = new HashMap<>();
        tx.select(Instances.AGENT_ID, Instances.APP_ID, Formations.SIZE).from(Instances.T)
                .join(Formations.T).on(Formations.APP_ID.eq(Instances.APP_ID)).and(Formations.TYPE.eq(Instances.TYPE))
                .where(Instances.AGENT_ID.isNotNull()).fetch().forEach(r -> {
                    boolean ofApp = appId.equals(r.value2());
                    if (ofApp && !withApp) {
                        return;
                    }
                    int[] u = used.computeIfAbsent(r.value1(), k -> new int[2]);
                    u[0] += DynoSize.of(r.value3()).orElse(DynoSize.DEFAULT).memoryMb();
                    if (ofApp) {
                        u[1]++;
                    }
                });
        tx.select(OneOffDynos.AGENT_ID, OneOffDynos.SIZE).from(OneOffDynos.T)
                .where(OneOffDynos.STATE.ne("complete")).fetch().forEach(r ->
                        used.computeIfAbsent(r.value1(), k -> new int[2])[0] +=
                                DynoSize.of(r.value2()).orElse(DynoSize.DEFAULT).memoryMb());
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
        return Placement.choose(loads(tx, appId, true), memoryMb).map(Placement.Load::agentId);
    }

    /** Apps with slots waiting for an agent. */
    public Set<UUID> unplaced(DSLContext dsl) {
        return new HashSet<>(dsl.selectDistinct(Instances.APP_ID).from(Instances.T).where(Instances.AGENT_ID.isNull())
                .fetch(r -> r.value1()));
    }
}
