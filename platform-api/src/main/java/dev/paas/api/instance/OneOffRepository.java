package dev.paas.api.instance;

import dev.paas.api.db.Schema.Apps;
import dev.paas.api.db.Schema.OneOffDynos;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.client.ProcessState;
import dev.paas.client.ProcessTypes;
import dev.paas.client.Wire;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** One-off processes ({@code run.N}): asked for by users, run once by an agent, finished by its report. */
public final class OneOffRepository {
    private final ReleaseRepository releases;

    public OneOffRepository(ReleaseRepository releases) {
        this.releases = releases;
    }

    /** The run's number; call with the app's row locked, so that numbers are handed out one at a time. */
    int create(DSLContext tx, UUID appId, int release, String command, String size, boolean attach, UUID agentId,
               UUID userId) {
        return create(tx, appId, ProcessTypes.ONE_OFF, release, command, size, attach, agentId, userId);
    }

    /**
     * A release phase ({@code release.N}) of {@code release}, on {@code agentId}; returns N. Call with the
     * app's row locked. Its outcome is read back from the row once an agent reports it ended (see {@link #apply}).
     */
    public int createReleasePhase(DSLContext tx, UUID appId, int release, String command, String size, UUID agentId,
                                  UUID userId) {
        return create(tx, appId, ProcessTypes.RELEASE, release, command, size, false, agentId, userId);
    }

    private int create(DSLContext tx, UUID appId, String kind, int release, String command, String size,
                       boolean attach, UUID agentId, UUID userId) {
        Integer last = tx.select(DSL.max(OneOffDynos.NUMBER)).from(OneOffDynos.T)
                .where(OneOffDynos.APP_ID.eq(appId)).fetchOne(0, Integer.class);
        int number = (last == null ? 0 : last) + 1;
        tx.insertInto(OneOffDynos.T)
                .set(OneOffDynos.ID, UUID.randomUUID()).set(OneOffDynos.APP_ID, appId)
                .set(OneOffDynos.NUMBER, number).set(OneOffDynos.RELEASE, release)
                .set(OneOffDynos.COMMAND, command).set(OneOffDynos.SIZE, size).set(OneOffDynos.ATTACH, attach)
                .set(OneOffDynos.AGENT_ID, agentId).set(OneOffDynos.CREATED_BY, userId)
                .set(OneOffDynos.KIND, kind)
                .execute();
        return number;
    }

    /** Ends an unfinished one-off (ps:stop): it leaves its agent's desired list; false when none was running. */
    public boolean stop(DSLContext tx, UUID appId, int number) {
        return stop(tx, appId, null, number);
    }

    /** As {@link #stop(DSLContext, UUID, int)}, only when it is of {@code kind} ({@code run}, {@code release}). */
    boolean stop(DSLContext tx, UUID appId, String kind, int number) {
        var which = kind == null ? DSL.noCondition() : OneOffDynos.KIND.eq(kind);
        return tx.update(OneOffDynos.T).set(OneOffDynos.STATE, "complete").set(OneOffDynos.FINISHED_AT, OffsetDateTime.now())
                .where(OneOffDynos.APP_ID.eq(appId)).and(OneOffDynos.NUMBER.eq(number)).and(which)
                .and(OneOffDynos.STATE.ne("complete")).execute() == 1;
    }

    /** The unfinished one-offs placed on the agent, each with its own release's image and config. */
    public List<Wire.AgentInstance> desired(DSLContext dsl, UUID agentId) {
        var runs = dsl.select(OneOffDynos.APP_ID, Apps.NAME, OneOffDynos.NUMBER, OneOffDynos.RELEASE,
                        OneOffDynos.COMMAND, OneOffDynos.SIZE, OneOffDynos.KIND)
                .from(OneOffDynos.T)
                .join(Apps.T).on(Apps.ID.eq(OneOffDynos.APP_ID)).and(Apps.DESTROYED_AT.isNull())
                .where(OneOffDynos.AGENT_ID.eq(agentId)).and(OneOffDynos.STATE.ne("complete"))
                .orderBy(Apps.NAME, OneOffDynos.NUMBER)
                .fetch();
        var result = new ArrayList<Wire.AgentInstance>();
        for (var r : runs) {
            var release = releases.require(dsl, r.value1(), String.valueOf(r.value4()));
            result.add(new Wire.AgentInstance(r.value1(), r.value2(), r.value7(), r.value3(), r.value4(), release.image(),
                    r.value5(), release.config(), r.value6(), true, 0));
        }
        return result;
    }

    /**
     * Applies an agent's report to its one-offs: up once running, complete once its process ended.
     * A complete one-off leaves the agent's desired list, and the agent then removes its container.
     */
    public void apply(DSLContext tx, UUID agentId, List<Wire.InstanceReport> reports) {
        for (var r : reports) {
            if (!ProcessTypes.isOneOff(r.type())) {
                continue;
            }
            var ended = r.state().ended();
            var update = ended
                    ? tx.update(OneOffDynos.T).set(OneOffDynos.STATE, "complete")
                            .set(OneOffDynos.EXIT_CODE, r.exitCode()).set(OneOffDynos.FINISHED_AT, OffsetDateTime.now())
                    : tx.update(OneOffDynos.T).set(OneOffDynos.STATE, r.state() == ProcessState.UP ? "up" : "starting");
            update.where(OneOffDynos.AGENT_ID.eq(agentId)).and(OneOffDynos.APP_ID.eq(r.appId()))
                    .and(OneOffDynos.NUMBER.eq(r.index())).and(OneOffDynos.STATE.ne("complete")).execute();
        }
    }

    /** One-offs of a lost agent died with its host: they are complete, with no exit code. */
    static void abandon(DSLContext tx, UUID agentId) {
        tx.update(OneOffDynos.T).set(OneOffDynos.STATE, "complete").set(OneOffDynos.FINISHED_AT, OffsetDateTime.now())
                .where(OneOffDynos.AGENT_ID.eq(agentId)).and(OneOffDynos.STATE.ne("complete")).execute();
    }
}
