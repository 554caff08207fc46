package dev.paas.api.instance;

import static dev.paas.api.db.Schema.Addons;
import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.Formations;
import static dev.paas.api.db.Schema.InstanceReports;
import static dev.paas.api.db.Schema.Instances;
import static dev.paas.api.db.Schema.OneOffDynos;

import dev.paas.api.agent.AgentRepository;
import dev.paas.api.db.Rendered;
import dev.paas.api.event.Tx;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.api.release.ReleaseRow;
import dev.paas.client.EventKind;
import dev.paas.client.DynoSize;
import dev.paas.client.ProcessTypes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Turns an app's formation into slots placed on agents. Called in the transaction of every change
 * that moves the desired state (deploy, rollback, config, scale, destroy), with the app's row locked.
 */
public final class Scheduler {
    private static final String APP = "app";
    /** The app's slots: read by every change to it (every config:set), so rendered once. */
    private static final Rendered SLOTS = Rendered.of(DSL.using(SQLDialect.POSTGRES)
            .select(Instances.ID, Instances.TYPE, Instances.INDEX, Instances.AGENT_ID).from(Instances.T)
            .where(Instances.APP_ID.eq(DSL.param(APP, Instances.APP_ID.getDataType())))
            .orderBy(Instances.TYPE, Instances.INDEX));
    private static final String APPS = "apps";
    /** {@link #SLOTS} of several apps (an array) in one statement, by app. */
    private static final Rendered SLOTS_OF_APPS = Rendered.of(DSL.using(SQLDialect.POSTGRES)
            .select(Instances.APP_ID, Instances.ID, Instances.TYPE, Instances.INDEX, Instances.AGENT_ID)
            .from(Instances.T)
            .where(Instances.APP_ID.eq(DSL.any(DSL.param(APPS, org.jooq.impl.SQLDataType.UUID.array()))))
            .orderBy(Instances.APP_ID, Instances.TYPE, Instances.INDEX));
    private final ReleaseRepository releases;
    private final AgentRepository agents;

    public Scheduler(ReleaseRepository releases, AgentRepository agents) {
        this.releases = releases;
        this.agents = agents;
    }

    /**
     * Reads the slots of {@code appIds}, whose rows this transaction has locked, in one statement, for this
     * transaction's {@link #reschedule}s of these apps: each uses its app's slots once (a reschedule changes them),
     * and a second reschedule of an app in the transaction reads them again. A
     * {@link dev.paas.api.event.GroupCommit} of config changes calls this before its writes.
     */
    public void slotsAhead(Tx tx, List<UUID> appIds) {
        var known = tx.local(KnownSlots.class, KnownSlots::new).byApp();
        appIds.forEach(id -> known.put(id, new java.util.ArrayList<>()));
        SLOTS_OF_APPS.fetch(tx.dsl(), Map.of(APPS, appIds.toArray(UUID[]::new)), r -> r).forEach(r ->
                known.get(r.get(Instances.APP_ID)).add(slot(r)));
    }

    private static SlotPlan.Slot slot(dev.paas.api.db.Values r) {
        return new SlotPlan.Slot(r.get(Instances.ID), r.get(Instances.TYPE), r.get(Instances.INDEX),
                r.get(Instances.AGENT_ID));
    }

    /** The slots {@link #slotsAhead} read, each until a reschedule of its app uses them. */
    private record KnownSlots(Map<UUID, List<SlotPlan.Slot>> byApp) {
        KnownSlots() {
            this(new HashMap<>());
        }
    }

    /**
     * Places every slot of the app's formation with its size counted (see {@link SlotPlan}): loads
     * the formation, the slots and the agents' room, lets {@link SlotPlan#decide} choose, and writes
     * the outcome, announcing {@code instances.changed} to the agents it touches.
     */
    public void reschedule(Tx tx, UUID appId) {
        reschedule(tx, appId, releases.current(tx.dsl(), appId).orElse(null));
    }

    /** {@code current}: the app's current release, as the caller has just read or written it (null: none). */
    public void reschedule(Tx tx, UUID appId, ReleaseRow current) {
        var db = tx.dsl();
        Set<String> types = current == null || current.image() == null ? Set.of() : current.processTypes().keySet();
        Map<String, Placement.Demand> formation = new HashMap<>();
        // No build, no processes: the config changes of such an app (each a release) read no formation.
        if (!types.isEmpty()) {
            db.select(Formations.TYPE, Formations.QUANTITY, Formations.SIZE).from(Formations.T)
                    .where(Formations.APP_ID.eq(appId)).fetch().forEach(r -> {
                        if (types.contains(r.value1()) && !ProcessTypes.isReleasePhase(r.value1())) {
                            formation.put(r.value1(), new Placement.Demand(r.value2(), r.value3(),
                                    DynoSize.of(r.value3()).orElse(DynoSize.DEFAULT).memoryMb()));
                        }
                    });
        }
        List<SlotPlan.Slot> known = tx.localIfAny(KnownSlots.class).map(k -> k.byApp().remove(appId)).orElse(null);
        List<SlotPlan.Slot> slots = known != null ? known : SLOTS.fetch(db, Map.of(APP, appId), Scheduler::slot);
        if (formation.isEmpty() && slots.isEmpty()) {
            return; // nothing to run, nothing placed: whatever the other apps' loads, nothing changes (SlotPlanTest)
        }
        // Other apps' use only: this app's slots are counted as the plan keeps or places them.
        var others = loads(db, appId, false);
        var outcome = SlotPlan.decide(formation, slots, others);
        if (!outcome.drops().isEmpty()) {
            db.deleteFrom(Instances.T).where(Instances.ID.in(outcome.drops())).execute();
        }
        for (var add : outcome.adds()) {
            db.insertInto(Instances.T).set(Instances.ID, UUID.randomUUID()).set(Instances.APP_ID, appId)
                    .set(Instances.TYPE, add.type()).set(Instances.INDEX, add.index())
                    .set(Instances.AGENT_ID, add.agentId()).execute();
        }
        var live = others.stream().map(Placement.Load::agentId).collect(java.util.stream.Collectors.toSet());
        for (var move : outcome.moves()) {
            var slot = slots.stream().filter(s -> s.id().equals(move.slotId())).findFirst().orElseThrow();
            move(db, slot, move.agentId(), live.contains(slot.agentId()));
        }
        if (outcome.changed()) {
            tx.announce(appId, EventKind.INSTANCES_CHANGED,
                    Map.of("agents", outcome.touched().stream().map(UUID::toString).sorted().toList()));
        }
    }

    /**
     * A slot changes agent at a new generation: the fence. A copy of it still running anywhere (on a
     * lost agent that comes back) is of an older generation, so no router takes it once the new one is
     * up, and its agent stops it. A slot placed for the first time, or back on the agent it last ran
     * on (a lost one that returned), keeps its generation: nothing ran it elsewhere, and the process
     * there is adopted as it is. A web slot
     * leaving a live agent hands off: its process there keeps running at its old generation until the
     * new one is reported up ({@link #settleHandoffs}).
     */
    private static void move(DSLContext db, SlotPlan.Slot slot, UUID to, boolean fromLive) {
        var update = db.update(Instances.T).set(Instances.AGENT_ID, to);
        if (to != null) {
            // A waiting slot that never ran, or ran last on this very agent, has no copy anywhere else.
            var same = Instances.AGENT_ID.isNull().and(Instances.RELEASED_FROM.isNull()
                    .or(Instances.RELEASED_FROM.eq(to)));
            update = update.set(Instances.GENERATION, Instances.GENERATION.plus(
                            DSL.when(same, DSL.inline(0)).otherwise(DSL.inline(1))))
                    .setNull(Instances.RELEASED_FROM);
        } else {
            update = update.set(Instances.RELEASED_FROM, DSL.coalesce(Instances.AGENT_ID, Instances.RELEASED_FROM));
        }
        if (fromLive && to != null && ProcessTypes.isWeb(slot.type())) {
            // The first agent it left keeps it: that one still serves, whatever moved in between.
            update = update.set(Instances.LEAVING_AGENT_ID, DSL.coalesce(Instances.LEAVING_AGENT_ID,
                            DSL.val(slot.agentId())))
                    .set(Instances.LEAVING_GENERATION, DSL.coalesce(Instances.LEAVING_GENERATION,
                            Instances.GENERATION));
        }
        update.where(Instances.ID.eq(slot.id())).execute();
        // Back on the agent it was leaving: that agent runs it anew, nothing is left behind.
        db.update(Instances.T).setNull(Instances.LEAVING_AGENT_ID).setNull(Instances.LEAVING_GENERATION)
                .where(Instances.ID.eq(slot.id())).and(Instances.LEAVING_AGENT_ID.eq(Instances.AGENT_ID)).execute();
    }

    /**
     * Ends the handoffs {@code agentId} completed: its process of each slot moving to it is up at the
     * slot's generation, so the agent the slot left stops its copy (after its drain). Announces
     * {@code instances.changed} to those agents. Called in the transaction of the agent's report.
     */
    public void settleHandoffs(Tx tx, UUID agentId) {
        var up = DSL.exists(DSL.selectOne().from(InstanceReports.T)
                .where(InstanceReports.AGENT_ID.eq(agentId)).and(InstanceReports.APP_ID.eq(Instances.APP_ID))
                .and(InstanceReports.TYPE.eq(Instances.TYPE)).and(InstanceReports.INDEX.eq(Instances.INDEX))
                .and(InstanceReports.GENERATION.eq(Instances.GENERATION))
                .and(InstanceReports.STATE.eq(dev.paas.client.ProcessState.UP)));
        var left = tx.dsl().select(Instances.ID, Instances.APP_ID, Instances.LEAVING_AGENT_ID).from(Instances.T)
                .where(Instances.AGENT_ID.eq(agentId)).and(Instances.LEAVING_AGENT_ID.isNotNull()).and(up)
                .forUpdate().fetch();
        if (left.isEmpty()) {
            return;
        }
        tx.dsl().update(Instances.T).setNull(Instances.LEAVING_AGENT_ID).setNull(Instances.LEAVING_GENERATION)
                .where(Instances.ID.in(left.map(r -> r.value1()))).execute();
        var byApp = new HashMap<UUID, Set<String>>();
        left.forEach(r -> byApp.computeIfAbsent(r.value2(), k -> new java.util.TreeSet<>()).add(r.value3().toString()));
        byApp.forEach((app, agents) -> tx.announce(app, EventKind.INSTANCES_CHANGED,
                Map.of("agents", List.copyOf(agents))));
    }

    /** A resized process type's slots restart, so their containers get the new limits. */
    public void resized(DSLContext tx, UUID appId, String type) {
        tx.update(Instances.T).set(Instances.GENERATION, Instances.GENERATION.plus(1))
                .where(Instances.APP_ID.eq(appId)).and(Instances.TYPE.eq(type)).execute();
    }

    /** The memory of each alive agent that takes new processes, for {@link Placement#neverFits}. */
    public List<Integer> capacities(DSLContext dsl) {
        return agents.alive(dsl).stream().filter(a -> a.admission().open()).map(a -> a.memoryMb()).toList();
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
        // Add-ons hold their plan's memory on their agent for as long as they live, provisioning or not.
        tx.select(Addons.AGENT_ID, Addons.MEMORY_MB).from(Addons.T).join(Apps.T).on(Apps.ID.eq(Addons.APP_ID))
                .where(Addons.AGENT_ID.isNotNull()).and(Addons.STATE.ne("deprovisioned"))
                .and(Apps.DESTROYED_AT.isNull()).fetch().forEach(r ->
                        used.computeIfAbsent(r.value1(), k -> new int[2])[0] += r.value2());
        return agents.alive(tx).stream().map(a -> {
            int[] u = used.getOrDefault(a.id(), new int[2]);
            return new Placement.Load(a.id(), a.name(), a.memoryMb(), u[0], u[1], a.admission().open());
        }).toList();
    }

    /** Slots of {@code agentId}, which was lost, go back to be placed elsewhere. Returns their apps. */
    public Set<UUID> release(DSLContext tx, UUID agentId) {
        OneOffRepository.abandon(tx, agentId);
        var apps = new HashSet<>(tx.update(Instances.T).setNull(Instances.AGENT_ID)
                .set(Instances.RELEASED_FROM, agentId)
                .where(Instances.AGENT_ID.eq(agentId)).returningResult(Instances.APP_ID).fetch(r -> r.value1()));
        // Its copies of slots it was handing off are beyond reach: nothing waits for them any more.
        tx.update(Instances.T).setNull(Instances.LEAVING_AGENT_ID).setNull(Instances.LEAVING_GENERATION)
                .where(Instances.LEAVING_AGENT_ID.eq(agentId)).execute();
        return apps;
    }

    /** The agent for a one-off process: the one with room that runs the fewest of the app's processes. */
    public java.util.Optional<UUID> placeOneOff(DSLContext tx, UUID appId, int memoryMb) {
        return Placement.choose(loads(tx, appId, true), memoryMb).map(Placement.Load::agentId);
    }

    /**
     * The agent for an add-on of {@code memoryMb}: {@code preferred} (where the app runs, so it is on the
     * app's network) when it has room, else the least used agent with room; empty when none has.
     */
    public java.util.Optional<UUID> placeAddon(DSLContext tx, UUID appId, java.util.Optional<UUID> preferred,
                                               int memoryMb) {
        var fitting = loads(tx, appId, true).stream().filter(l -> l.open() && l.fits(memoryMb)).toList();
        return fitting.stream().filter(l -> preferred.filter(l.agentId()::equals).isPresent()).findFirst()
                .or(() -> fitting.stream().min(java.util.Comparator.comparingInt(Placement.Load::usedMb)
                        .thenComparing(Placement.Load::name)))
                .map(Placement.Load::agentId);
    }

    /** Why an add-on of {@code memoryMb} waits, for the app's log. */
    public String addonWaitingReason(DSLContext dsl, int memoryMb) {
        return Placement.waitingReason(loads(dsl, UUID.randomUUID(), true), memoryMb);
    }

    /** Apps with slots waiting for an agent. */
    public Set<UUID> unplaced(DSLContext dsl) {
        return new HashSet<>(dsl.selectDistinct(Instances.APP_ID).from(Instances.T).where(Instances.AGENT_ID.isNull())
                .fetch(r -> r.value1()));
    }
}
