package dev.paas.api.route;

import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.Domains;
import static dev.paas.api.db.Schema.Events;
import static dev.paas.api.db.Schema.InstanceReports;
import static dev.paas.api.db.Schema.Instances;
import static dev.paas.api.db.Schema.Releases;

import dev.paas.client.ProcessTypes;
import dev.paas.client.Wire;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Reads, for each live app, its hostnames and which of its web processes take requests. */
public final class RouteRepository {

    /** Routes of the given apps ({@code null}: of every app), ordered by app name. */
    public List<Wire.AppRoute> routes(DSLContext dsl, Collection<UUID> only) {
        Condition apps = only == null ? DSL.noCondition() : Apps.ID.in(only);
        var names = dsl.select(Apps.ID, Apps.NAME).from(Apps.T).where(Apps.DESTROYED_AT.isNull()).and(apps)
                .orderBy(Apps.NAME).fetch();
        if (names.isEmpty()) {
            return List.of();
        }
        var ids = names.map(r -> r.value1());
        var hostnames = new HashMap<UUID, List<String>>();
        dsl.select(Domains.APP_ID, Domains.HOSTNAME).from(Domains.T).where(Domains.APP_ID.in(ids))
                .orderBy(Domains.HOSTNAME)
                .forEach(r -> hostnames.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        Field<Integer> latest = DSL.max(Releases.VERSION);
        Map<UUID, Integer> current = dsl.select(Releases.APP_ID, latest).from(Releases.T)
                .where(Releases.APP_ID.in(ids)).groupBy(Releases.APP_ID).fetchMap(Releases.APP_ID, latest);
        var slots = new HashMap<UUID, Map<Integer, Integer>>();
        dsl.select(Instances.APP_ID, Instances.INDEX, Instances.GENERATION)
                .from(Instances.T)
                .where(Instances.APP_ID.in(ids))
                .and(Instances.TYPE.eq(ProcessTypes.WEB))
                .forEach(r -> slots.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3()));
        var reports = new HashMap<UUID, List<Routing.WebReport>>();
        dsl.select(InstanceReports.APP_ID, InstanceReports.INDEX, InstanceReports.RELEASE, InstanceReports.STATE,
                        InstanceReports.HOST, InstanceReports.PORT, InstanceReports.GENERATION)
                .from(InstanceReports.T)
                .where(InstanceReports.APP_ID.in(ids)).and(InstanceReports.TYPE.eq(ProcessTypes.WEB))
                .forEach(r -> reports.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new Routing.WebReport(r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                                r.value7())));
        return names.map(r -> {
            var routable = Routing.routable(current.getOrDefault(r.value1(), 0),
                    slots.getOrDefault(r.value1(), Map.of()), reports.getOrDefault(r.value1(), List.of()));
            return new Wire.AppRoute(r.value1(), r.value2(), hostnames.getOrDefault(r.value1(), List.of()),
                    routable.web(), routable.backends());
        });
    }

    /** The apps with web processes that this agent reported last time. */
    List<UUID> reportedBy(DSLContext dsl, UUID agentId) {
        return dsl.selectDistinct(InstanceReports.APP_ID).from(InstanceReports.T)
                .where(InstanceReports.AGENT_ID.eq(agentId)).and(InstanceReports.TYPE.eq(ProcessTypes.WEB))
                .fetch(InstanceReports.APP_ID);
    }

    long latestEventId(DSLContext dsl) {
        Long id = dsl.select(DSL.max(Events.POSITION)).from(Events.T).fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }
}
