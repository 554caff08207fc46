package dev.paas.api.formation;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventLog;
import dev.paas.api.http.Bodies;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.api.release.ReleaseRow;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** {@code /apps/{app}/formation}: scale process types of the current release. Scaling makes no release. */
public final class FormationHandler {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final FormationRepository formations;
    private final EventLog events;
    private final Bodies bodies;
    private final Scheduler scheduler;
    private final dev.paas.api.log.PlatformLog log;

    public FormationHandler(DSLContext dsl, AppRepository apps, ReleaseRepository releases,
                            FormationRepository formations, EventLog events, Bodies bodies, Scheduler scheduler,
                            dev.paas.api.log.PlatformLog log) {
        this.log = log;
        this.scheduler = scheduler;
        this.dsl = dsl;
        this.apps = apps;
        this.releases = releases;
        this.formations = formations;
        this.events = events;
        this.bodies = bodies;
    }

    public void list(Context ctx) {
        AppRow app = app(ctx);
        ctx.json(current(dsl, app));
    }

    public void show(Context ctx) {
        AppRow app = app(ctx);
        String type = ctx.pathParam("type");
        ctx.json(current(dsl, app).stream().filter(f -> f.type().equals(type)).findFirst()
                .orElseThrow(() -> ApiFailure.notFound("Couldn't find process type '" + type + "' in the formation.")));
    }

    public void updateBatch(Context ctx) {
        AppRow app = app(ctx);
        var batch = bodies.read(ctx, ScaleRequest.Batch.class);
        ctx.json(update(app, CurrentUser.of(ctx).email(), batch.updates()));
    }

    public void updateOne(Context ctx) {
        AppRow app = app(ctx);
        var body = bodies.read(ctx, ScaleRequest.class);
        String type = ctx.pathParam("type");
        if (body.type() != null && !body.type().equals(type)) {
            throw ApiFailure.invalid("The body's type '" + body.type() + "' differs from the path's '" + type + "'.");
        }
        var updated = update(app, CurrentUser.of(ctx).email(), List.of(new ScaleRequest(type, body.quantity(), body.size())));
        ctx.json(updated.stream().filter(f -> f.type().equals(type)).findFirst().orElseThrow());
    }

    private List<Wire.Formation> update(AppRow app, String by, List<ScaleRequest> requested) {
        return dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            apps.lock(tx, app.id());
            Set<String> known = types(tx, app.id());
            var before = formations.list(tx, app.id(), known);
            Map<String, Integer> now = before.stream().collect(Collectors.toMap(FormationRow::type,
                    FormationRow::quantity, (a, b) -> a));
            var updates = FormationPlan.validate(requested == null ? null : requested.stream()
                    .map(r -> r == null ? null : r.resolve(now)).toList(), known);
            FormationPlan.refuseIfNeverFits(before, updates, scheduler.capacities(tx));
            for (var u : updates) {
                formations.update(tx, app.id(), u.type(), u.quantity(), u.size());
                if (u.size() != null && before.stream().anyMatch(f -> f.type().equals(u.type())
                        && !f.size().equals(u.size()))) {
                    scheduler.resized(tx, app.id(), u.type());
                }
            }
            scheduler.reschedule(tx, app.id());
            var result = current(tx, app);
            events.append(tx, app.id(), "formation.updated", Map.of("formation", result.stream()
                    .map(f -> Map.of("type", f.type(), "quantity", f.quantity(), "size", f.size())).toList()));
            var changed = updates.stream().map(Wire.FormationUpdate::type).collect(java.util.stream.Collectors.toSet());
            log.say(tx, app.id(), "Scaled to " + result.stream().filter(f -> changed.contains(f.type()))
                    .map(f -> f.type() + "@" + f.quantity() + ":" + f.size())
                    .collect(java.util.stream.Collectors.joining(" ")) + " by user " + by);
            return result;
        });
    }

    private Set<String> types(DSLContext db, UUID appId) {
        return releases.latest(db, appId).map(r -> r.processTypes().keySet()).orElse(Set.of());
    }

    private List<Wire.Formation> current(DSLContext db, AppRow app) {
        Map<String, String> commands = releases.latest(db, app.id()).map(ReleaseRow::processTypes).orElse(Map.of());
        return formations.list(db, app.id(), commands.keySet()).stream()
                .map(f -> new Wire.Formation(f.id(), new Wire.AppRef(app.id(), app.name()), f.type(), f.quantity(),
                        f.size(), commands.get(f.type()), f.createdAt().toInstant(), f.updatedAt().toInstant()))
                .toList();
    }

    private AppRow app(Context ctx) {
        return apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"));
    }
}
