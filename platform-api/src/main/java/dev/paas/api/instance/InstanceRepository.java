package dev.paas.api.instance;

import static dev.paas.api.db.Schema.AppFeatures;
import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.Formations;
import static dev.paas.api.db.Schema.InstanceReports;
import static dev.paas.api.db.Schema.Instances;

import dev.paas.api.feature.Features;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.api.release.ReleaseRow;
import dev.paas.client.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The slots an agent should run, and what agents report running. */
public final class InstanceRepository {
    private final ReleaseRepository releases;

    public InstanceRepository(ReleaseRepository releases) {
        this.releases = releases;
    }

    /**
     * Each slot placed on the agent, at its app's current release, with that release's config; and each
     * slot it hands off, at the generation its process there has, so that the process keeps running.
     */
    public List<Wire.AgentInstance> desired(DSLContext dsl, UUID agentId) {
        var generation = DSL.when(Instances.AGENT_ID.eq(agentId), Instances.GENERATION)
                .otherwise(Instances.LEAVING_GENERATION);
        var slots = dsl.select(Instances.APP_ID, Apps.NAME, Instances.TYPE, Instances.INDEX, Formations.SIZE,
                        generation, DSL.field(DSL.exists(DSL.selectOne().from(AppFeatures.T)
                                .where(AppFeatures.APP_ID.eq(Instances.APP_ID))
                                .and(AppFeatures.NAME.eq(Features.LOG_RUNTIME_METRICS.name())))))
                .from(Instances.T)
                .join(Apps.T).on(Apps.ID.eq(Instances.APP_ID)).and(Apps.DESTROYED_AT.isNull())
                .join(Formations.T).on(Formations.APP_ID.eq(Instances.APP_ID)).and(Formations.TYPE.eq(Instances.TYPE))
                .where(Instances.AGENT_ID.eq(agentId).or(Instances.LEAVING_AGENT_ID.eq(agentId)))
                .orderBy(Apps.NAME, Instances.TYPE, Instances.INDEX)
                .fetch();
        var current = new HashMap<UUID, Optional<ReleaseRow>>();
        var result = new ArrayList<Wire.AgentInstance>();
        for (var s : slots) {
            Optional<ReleaseRow> release = current.computeIfAbsent(s.value1(), app -> releases.current(dsl, app));
            release.filter(r -> r.image() != null && r.processTypes().containsKey(s.value3())).ifPresent(r ->
                    result.add(new Wire.AgentInstance(s.value1(), s.value2(), s.value3(), s.value4(), r.version(),
                            r.image(), r.processTypes().get(s.value3()), r.config(), s.value5(), false, s.value6(),
                            r.healthchecks().getOrDefault(s.value3(), List.of()), s.value7())));
        }
        return result;
    }

    /**
     * Bumps the generation of the app's slots of {@code type} (all when null), and of only
     * {@code index} when given; returns how many slots that was.
     */
    public int restart(DSLContext tx, UUID appId, String type, Integer index) {
        var condition = Instances.APP_ID.eq(appId);
        if (type != null) {
            condition = condition.and(Instances.TYPE.eq(type));
        }
        if (index != null) {
            condition = condition.and(Instances.INDEX.eq(index));
        }
        return tx.update(Instances.T).set(Instances.GENERATION, Instances.GENERATION.plus(1)).where(condition)
                .execute();
    }

    /** Replaces everything the agent reported before: its report is the whole truth of its host. */
    public void replaceReports(DSLContext tx, UUID agentId, String host, List<Wire.InstanceReport> reports) {
        tx.deleteFrom(InstanceReports.T).where(InstanceReports.AGENT_ID.eq(agentId)).execute();
        for (var r : reports) {
            tx.insertInto(InstanceReports.T)
                    .set(InstanceReports.AGENT_ID, agentId).set(InstanceReports.CONTAINER_ID, r.containerId())
                    .set(InstanceReports.APP_ID, r.appId()).set(InstanceReports.TYPE, r.type())
                    .set(InstanceReports.INDEX, r.index()).set(InstanceReports.RELEASE, r.release())
                    .set(InstanceReports.STATE, r.state()).set(InstanceReports.HOST, host)
                    .set(InstanceReports.PORT, r.port())
                    .set(InstanceReports.EXIT_CODE, r.exitCode())
                    .set(InstanceReports.REASON, reason(r.reason()))
                    .set(InstanceReports.GENERATION, r.generation() == null ? 0 : r.generation())
                    .set(InstanceReports.SINCE, r.since() == null ? null
                            : java.time.OffsetDateTime.ofInstant(r.since(), java.time.ZoneOffset.UTC))
                    .set(InstanceReports.MEMORY_BYTES, r.memoryBytes() == null || r.memoryBytes() < 0 ? null
                            : r.memoryBytes())
                    .set(InstanceReports.CPU_PERCENT, finite(r.cpuPercent()))
                    .onConflictDoNothing()
                    .execute();
        }
    }

    /** A figure Postgres can hold and a reader can show: no NaN, no infinity, nothing negative. */
    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) || value < 0 ? null : value;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        return reason.length() > 500 ? reason.substring(0, 500) + "…" : reason;
    }

    /**
     * The app's processes as agents last reported them, by slot, each with the time it entered its state, and each slot of the formation
     * that waits for an agent with room, as {@code waiting} with why ({@code waiting}, by slot name).
     */
    List<Wire.Dyno> dynos(DSLContext dsl, UUID appId, java.util.Map<String, String> waiting) {
        var commands = releases.current(dsl, appId).map(ReleaseRow::processTypes).orElse(java.util.Map.of());
        int release = releases.current(dsl, appId).map(ReleaseRow::version).orElse(0);
        var reported = dsl.select(InstanceReports.CONTAINER_ID, InstanceReports.TYPE, InstanceReports.INDEX,
                        InstanceReports.STATE, InstanceReports.RELEASE, Formations.SIZE, InstanceReports.HOST,
                        InstanceReports.PORT, InstanceReports.EXIT_CODE,
                        // The container's own time, not the last report's (an agent from before
                        // reports carried it has only the latter).
                        DSL.coalesce(InstanceReports.SINCE, InstanceReports.UPDATED_AT), InstanceReports.REASON,
                        InstanceReports.MEMORY_BYTES, InstanceReports.CPU_PERCENT)
                .from(InstanceReports.T)
                .leftJoin(Formations.T).on(Formations.APP_ID.eq(InstanceReports.APP_ID))
                .and(Formations.TYPE.eq(InstanceReports.TYPE))
                .where(InstanceReports.APP_ID.eq(appId))
                .fetch(r -> new Wire.Dyno(r.value1(), r.value2() + "." + r.value3(), r.value2(), r.value4(),
                        r.value5(), r.value6(), commands.get(r.value2()), r.value7(), r.value8(), r.value9(),
                        r.value10().toInstant(), r.value11(), r.value12(), r.value13()));
        var all = new ArrayList<>(reported);
        var sizes = new HashMap<String, String>();
        dsl.select(Formations.TYPE, Formations.SIZE).from(Formations.T).where(Formations.APP_ID.eq(appId))
                .fetch().forEach(r -> sizes.put(r.value1(), r.value2()));
        waiting.forEach((dyno, why) -> {
            String type = dyno.substring(0, dyno.lastIndexOf('.'));
            all.add(new Wire.Dyno(null, dyno, type, dev.paas.client.ProcessState.WAITING, release, sizes.get(type), commands.get(type), null,
                    null, null, java.time.Instant.now(), why));
        });
        all.sort(java.util.Comparator.comparing(Wire.Dyno::type)
                .thenComparingInt(d -> Integer.parseInt(d.name().substring(d.name().lastIndexOf('.') + 1)))
                .thenComparing(java.util.Comparator.comparingInt(Wire.Dyno::release).reversed()));
        return all;
    }
}
