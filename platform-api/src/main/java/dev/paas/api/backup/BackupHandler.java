package dev.paas.api.backup;

import static dev.paas.api.http.Route.delete;
import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.post;
import static dev.paas.api.http.Route.put;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/**
 * Postgres backups under their add-on ({@code /addons/{addon}/backups...}, {@code /addons/{addon}/restores},
 * {@code /addons/{addon}/backup-schedule}) and an app's view of its add-ons' ({@code /apps/{app}/backups},
 * {@code /apps/{app}/backup-schedules}).
 */
public final class BackupHandler {
    private final AppScope app;
    private final BackupService service;
    private final ScheduleService schedules;
    private final Bodies bodies;

    public BackupHandler(AppScope app, BackupService service, ScheduleService schedules, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.schedules = schedules;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/backups", app.bind(this::listOfApp)),
                get("/apps/{app}/backup-schedules", app.bind(this::schedulesOfApp)),
                get("/addons/{addon}/backups", this::list),
                post("/addons/{addon}/backups", this::capture),
                get("/addons/{addon}/backups/{backup}", this::show),
                delete("/addons/{addon}/backups/{backup}", this::deleteBackup),
                get("/addons/{addon}/backups/{backup}/data", this::download),
                post("/addons/{addon}/backups/{backup}/restores", this::restore),
                get("/addons/{addon}/restores", this::restores),
                get("/addons/{addon}/restores/{restore}", this::showRestore),
                get("/addons/{addon}/backup-schedule", this::schedule),
                put("/addons/{addon}/backup-schedule", this::setSchedule),
                delete("/addons/{addon}/backup-schedule", this::unschedule));
    }

    void listOfApp(Context ctx, AppRow app) {
        ctx.json(service.list(app).stream().map(BackupWire::backup).toList());
    }

    void schedulesOfApp(Context ctx, AppRow app) {
        ctx.json(schedules.schedules(app).stream().map(BackupWire::schedule).toList());
    }

    void list(Context ctx) {
        ctx.json(service.list(addon(ctx)).stream().map(BackupWire::backup).toList());
    }

    void capture(Context ctx) {
        ctx.status(202).json(BackupWire.backup(service.capture(CurrentUser.of(ctx), addon(ctx))));
    }

    void show(Context ctx) {
        ctx.json(BackupWire.backup(backup(ctx)));
    }

    void deleteBackup(Context ctx) {
        ctx.json(BackupWire.backup(service.delete(CurrentUser.of(ctx), backup(ctx), ctx.queryParam("confirm"))));
    }

    /** The dump, streamed from storage with its length: never whole in memory. */
    void download(Context ctx) throws java.io.IOException {
        var backup = backup(ctx);
        try (var in = service.open(backup)) {
            ctx.status(200).contentType("application/octet-stream")
                    .header("Content-Length", String.valueOf(service.size(backup)))
                    .header("Content-Disposition", "attachment; filename=\"" + backup.addonName() + "-"
                            + backup.name() + ".dump\"");
            var out = ctx.res().getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }

    void restore(Context ctx) {
        var body = bodies.read(ctx, Wire.BackupRestoreCreate.class);
        var restore = service.restore(CurrentUser.of(ctx), backup(ctx), body.target(), body.confirm());
        ctx.status(202).json(BackupWire.restore(restore));
    }

    void restores(Context ctx) {
        ctx.json(service.restoresInto(addon(ctx)).stream().map(BackupWire::restore).toList());
    }

    void showRestore(Context ctx) {
        ctx.json(BackupWire.restore(service.restoreOf(addon(ctx), ctx.pathParam("restore"))));
    }

    void schedule(Context ctx) {
        var addon = addon(ctx);
        ctx.json(BackupWire.schedule(schedules.scheduleOf(addon).orElseThrow(() -> ApiFailure.notFound(
                addon.name() + " has no backup schedule. Set one with `paas pg:backups:schedule " + addon.name()
                        + " --at '02:00 UTC' -a " + addon.appName() + "`."))));
    }

    void setSchedule(Context ctx) {
        var body = bodies.read(ctx, Wire.BackupScheduleUpdate.class);
        ctx.json(BackupWire.schedule(schedules.schedule(CurrentUser.of(ctx), addon(ctx), body.hourUtc(),
                body.retain())));
    }

    void unschedule(Context ctx) {
        schedules.unschedule(CurrentUser.of(ctx), addon(ctx));
        ctx.status(204);
    }

    private BackupAddon addon(Context ctx) {
        return service.addon(CurrentUser.of(ctx), ctx.pathParam("addon"));
    }

    private BackupRow backup(Context ctx) {
        return service.backup(addon(ctx), ctx.pathParam("backup"));
    }
}
