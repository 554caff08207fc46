package dev.paas.api.configvar;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.http.Bodies;
import dev.paas.api.release.Ledger;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.api.release.ReleaseRow;
import io.javalin.http.Context;
import java.util.Map;
import org.jooq.DSLContext;

/** {@code /apps/{app}/config-vars}: the current release's config; every real change is a new release. */
public final class ConfigVarHandler {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final ConfigVarService service;
    private final Bodies bodies;

    public ConfigVarHandler(DSLContext dsl, AppRepository apps, ReleaseRepository releases, Ledger ledger,
                            Bodies bodies) {
        this.dsl = dsl;
        this.apps = apps;
        this.releases = releases;
        this.service = new ConfigVarService(dsl, apps, releases, ledger);
        this.bodies = bodies;
    }

    public void show(Context ctx) {
        AppRow app = apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"));
        ctx.json(releases.latest(dsl, app.id()).map(ReleaseRow::config).orElse(Map.of()));
    }

    public void update(Context ctx) {
        var user = CurrentUser.of(ctx);
        AppRow app = apps.require(dsl, user, ctx.pathParam("app"));
        ConfigChange change = ConfigChange.parse(bodies.readObject(ctx));
        ctx.json(service.update(user, app.id(), change));
    }
}
