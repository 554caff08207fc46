package dev.paas.api.dashboard;

import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.InstanceReports;
import static dev.paas.api.db.Schema.Instances;
import static dev.paas.api.db.Schema.ReleaseOutcomes;
import static dev.paas.api.db.Schema.Releases;

import dev.paas.client.ProcessState;
import dev.paas.client.ReleaseStatus;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The apps list's figures for many apps in one query, so the list costs the same few queries however many
 * apps there are: processes up and crashed (as reported), all processes (reported, and waiting for a host),
 * and the current release (the newest succeeded one, as {@code ReleaseService.currentVersion}).
 */
final class AppLines {
    record Figures(int up, int crashed, int processes, int release) {
        static final Figures NONE = new Figures(0, 0, 0, 0);
    }

    Map<UUID, Figures> of(DSLContext dsl, Collection<UUID> appIds) {
        var figures = new HashMap<UUID, Figures>();
        if (appIds.isEmpty()) {
            return figures;
        }
        Field<Integer> up = reported(ProcessState.UP).as("up");
        Field<Integer> crashed = reported(ProcessState.CRASHED).as("crashed");
        Field<Integer> reported = DSL.field(DSL.selectCount().from(InstanceReports.T)
                .where(InstanceReports.APP_ID.eq(Apps.ID))).as("reported");
        Field<Integer> waiting = DSL.field(DSL.selectCount().from(Instances.T)
                .where(Instances.APP_ID.eq(Apps.ID)).and(Instances.AGENT_ID.isNull())).as("waiting");
        Field<Integer> release = DSL.field(DSL.select(DSL.max(Releases.VERSION)).from(Releases.T)
                .join(ReleaseOutcomes.T).on(ReleaseOutcomes.RELEASE_ID.eq(Releases.ID))
                .where(Releases.APP_ID.eq(Apps.ID))
                .and(ReleaseOutcomes.STATUS.eq(ReleaseStatus.SUCCEEDED.wire()))).as("release");
        dsl.select(Apps.ID, up, crashed, reported, waiting, release).from(Apps.T).where(Apps.ID.in(appIds))
                .fetch().forEach(r -> figures.put(r.value1(), new Figures(r.value2(), r.value3(),
                        r.value4() + r.value5(), r.value6() == null ? 0 : r.value6())));
        return figures;
    }

    private static Field<Integer> reported(ProcessState state) {
        return DSL.field(DSL.selectCount().from(InstanceReports.T).where(InstanceReports.APP_ID.eq(Apps.ID))
                .and(InstanceReports.STATE.eq(state)));
    }
}
