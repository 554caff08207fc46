package dev.paas.api.domain;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventLog;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.RangeHeader;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.Map;
import org.jooq.DSLContext;

/** {@code /apps/{app}/domains}: the hostnames the router sends to the app. */
public final class DomainHandler {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final DomainRepository domains;
    private final EventLog events;
    private final Bodies bodies;
    private final String platformDomain;

    public DomainHandler(DSLContext dsl, AppRepository apps, DomainRepository domains, EventLog events, Bodies bodies,
                         String platformDomain) {
        this.platformDomain = platformDomain;
        this.dsl = dsl;
        this.apps = apps;
        this.domains = domains;
        this.events = events;
        this.bodies = bodies;
    }

    public void list(Context ctx) {
        AppRow app = app(ctx);
        var seek = RangeHeader.parse(ctx, "hostname");
        var page = domains.list(dsl, app.id(), seek);
        RangeHeader.respond(ctx, seek, new Seek.Page<>(page.items().stream().map(d -> wire(app, d)).toList(),
                page.lastKey()));
    }

    public void show(Context ctx) {
        AppRow app = app(ctx);
        ctx.json(wire(app, require(dsl, app, ctx.pathParam("domain"))));
    }

    public void create(Context ctx) {
        AppRow app = app(ctx);
        String hostname = Hostnames.validate(bodies.read(ctx, Wire.DomainCreate.class).hostname(), app.name(),
                platformDomain);
        DomainRow created = dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            var row = domains.insert(tx, app.id(), hostname, "custom").orElseThrow(() -> DomainRepository.taken(hostname));
            events.append(tx, app.id(), "domain.created", Map.of("hostname", hostname, "domain_id", row.id()));
            return row;
        });
        ctx.status(201).json(wire(app, created));
    }

    public void delete(Context ctx) {
        AppRow app = app(ctx);
        DomainRow removed = dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            DomainRow row = require(tx, app, ctx.pathParam("domain"));
            if ("heroku".equals(row.kind())) {
                throw ApiFailure.invalid("Domain " + row.hostname() + " is the app's default hostname and cannot be "
                        + "removed.");
            }
            domains.delete(tx, row.id());
            events.append(tx, app.id(), "domain.deleted", Map.of("hostname", row.hostname(), "domain_id", row.id()));
            return row;
        });
        ctx.json(wire(app, removed));
    }

    private DomainRow require(DSLContext db, AppRow app, String hostnameOrId) {
        return domains.find(db, app.id(), hostnameOrId).orElseThrow(() -> ApiFailure.notFound(
                "Couldn't find domain " + hostnameOrId + " on " + app.name() + ". See `paas domains`."));
    }

    private AppRow app(Context ctx) {
        return apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"));
    }

    /** A custom domain's CNAME target is the app's default hostname, which the router answers. */
    private Wire.Domain wire(AppRow app, DomainRow d) {
        return new Wire.Domain(d.id(), new Wire.AppRef(app.id(), app.name()), d.hostname(), d.kind(),
                "custom".equals(d.kind()) ? app.name() + "." + platformDomain : null, "succeeded",
                d.createdAt().toInstant(), d.updatedAt().toInstant());
    }
}
