package dev.paas.api.host;

import static dev.paas.api.db.Schema.Addons;
import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.Formations;
import static dev.paas.api.db.Schema.InstanceReports;
import static dev.paas.api.db.Schema.Instances;
import static dev.paas.api.db.Schema.OneOffDynos;

import dev.paas.client.DynoSize;
import dev.paas.client.ProcessState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/** What each host holds: memory promised to its slots, one-offs and add-ons, and processes it runs. */
final class HostRepository {

    /** Memory in use and processes running, by agent. */
    record Usage(int usedMb, int processes) {
    }

    Map<UUID, Usage> usage(DSLContext dsl) {
        Map<UUID, int[]> used = new HashMap<>();
        dsl.select(Instances.AGENT_ID, Formations.SIZE).from(Instances.T).join(Formations.T)
                .on(Formations.APP_ID.eq(Instances.APP_ID)).and(Formations.TYPE.eq(Instances.TYPE))
                .where(Instances.AGENT_ID.isNotNull()).fetch().forEach(r -> add(used, r.value1(), size(r.value2()), 0));
        dsl.select(OneOffDynos.AGENT_ID, OneOffDynos.SIZE).from(OneOffDynos.T)
                .where(OneOffDynos.STATE.ne("complete")).and(OneOffDynos.AGENT_ID.isNotNull()).fetch()
                .forEach(r -> add(used, r.value1(), size(r.value2()), 0));
        liveAddons(dsl).fetch().forEach(r -> add(used, r.value1(), r.value2(), 0));
        dsl.select(InstanceReports.AGENT_ID).from(InstanceReports.T)
                .where(InstanceReports.STATE.in(ProcessState.STARTING, ProcessState.UP)).fetch()
                .forEach(r -> add(used, r.value1(), 0, 1));
        var usage = new HashMap<UUID, Usage>();
        used.forEach((agent, u) -> usage.put(agent, new Usage(u[0], u[1])));
        return usage;
    }

    /**
     * What keeps the host from being removed: its slots (placed there or handed off from there),
     * unfinished one-offs and live add-ons, each named; empty when it holds nothing.
     */
    List<String> holdings(DSLContext dsl, UUID agentId) {
        var held = new ArrayList<String>();
        dsl.select(Apps.NAME, Instances.TYPE, Instances.INDEX).from(Instances.T).join(Apps.T)
                .on(Apps.ID.eq(Instances.APP_ID))
                .where(Instances.AGENT_ID.eq(agentId).or(Instances.LEAVING_AGENT_ID.eq(agentId)))
                .orderBy(Apps.NAME, Instances.TYPE, Instances.INDEX).limit(20)
                .forEach(r -> held.add(r.value2() + "." + r.value3() + " of " + r.value1()));
        dsl.select(Apps.NAME, OneOffDynos.NUMBER).from(OneOffDynos.T).join(Apps.T).on(Apps.ID.eq(OneOffDynos.APP_ID))
                .where(OneOffDynos.AGENT_ID.eq(agentId)).and(OneOffDynos.STATE.ne("complete")).limit(20)
                .forEach(r -> held.add("run." + r.value2() + " of " + r.value1()));
        dsl.select(Addons.NAME).from(Addons.T).join(Apps.T).on(Apps.ID.eq(Addons.APP_ID))
                .where(Addons.AGENT_ID.eq(agentId)).and(Addons.STATE.ne("deprovisioned"))
                .and(Apps.DESTROYED_AT.isNull()).limit(20)
                .forEach(r -> held.add("add-on " + r.value1()));
        return held;
    }

    /** The apps with slots on the agent, to place again. */
    List<UUID> appsOn(DSLContext dsl, UUID agentId) {
        return dsl.selectDistinct(Instances.APP_ID).from(Instances.T).where(Instances.AGENT_ID.eq(agentId))
                .fetch(r -> r.value1());
    }

    /** Forgets what the agent last reported: a removed host serves nothing. */
    void forgetReports(DSLContext tx, UUID agentId) {
        tx.deleteFrom(InstanceReports.T).where(InstanceReports.AGENT_ID.eq(agentId)).execute();
    }

    private static org.jooq.SelectConditionStep<org.jooq.Record2<UUID, Integer>> liveAddons(DSLContext dsl) {
        return dsl.select(Addons.AGENT_ID, Addons.MEMORY_MB).from(Addons.T).join(Apps.T).on(Apps.ID.eq(Addons.APP_ID))
                .where(Addons.AGENT_ID.isNotNull()).and(Addons.STATE.ne("deprovisioned"))
                .and(Apps.DESTROYED_AT.isNull());
    }

    private static void add(Map<UUID, int[]> used, UUID agent, int mb, int processes) {
        int[] u = used.computeIfAbsent(agent, k -> new int[2]);
        u[0] += mb;
        u[1] += processes;
    }

    private static int size(String size) {
        return DynoSize.of(size).orElse(DynoSize.DEFAULT).memoryMb();
    }
}
