package dev.paas.api.cert;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.patch;
import static dev.paas.api.http.Route.post;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** {@code /apps/{app}/sni-endpoints}: an app's certificates, in Heroku's shapes; private keys are never sent back. */
public final class SniEndpointHandler {
    private final AppScope app;
    private final CertificateService service;
    private final Bodies bodies;

    public SniEndpointHandler(AppScope app, CertificateService service, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/sni-endpoints", app.bind(this::list)),
                post("/apps/{app}/sni-endpoints", app.bind(this::create)),
                get("/apps/{app}/sni-endpoints/{sni_endpoint}", app.bind(this::show)),
                patch("/apps/{app}/sni-endpoints/{sni_endpoint}", app.bind(this::update)),
                Route.delete("/apps/{app}/sni-endpoints/{sni_endpoint}", app.bind(this::delete)),
                patch("/apps/{app}/domains/{domain}", app.bind(this::associate)));
    }

    void list(Context ctx, AppRow app) {
        ctx.json(service.list(app).stream().map(c -> wire(app, c)).toList());
    }

    void show(Context ctx, AppRow app) {
        ctx.json(wire(app, service.show(app, ctx.pathParam("sni_endpoint"))));
    }

    void create(Context ctx, AppRow app) {
        var body = bodies.read(ctx, Wire.SniEndpointCreate.class);
        ctx.status(201).json(wire(app, service.create(app, body.certificateChain(), body.privateKey())));
    }

    void update(Context ctx, AppRow app) {
        var body = bodies.read(ctx, Wire.SniEndpointCreate.class);
        ctx.json(wire(app, service.update(app, ctx.pathParam("sni_endpoint"), body.certificateChain(),
                body.privateKey())));
    }

    void delete(Context ctx, AppRow app) {
        ctx.json(wire(app, service.delete(app, ctx.pathParam("sni_endpoint"))));
    }

    /** The heroku CLI's certs:add sends this for each domain the user picks; the answer is the domain. */
    void associate(Context ctx, AppRow app) {
        var body = bodies.readObject(ctx);
        var endpoint = body.path("sni_endpoint");
        String name = endpoint.isTextual() ? endpoint.asText() : endpoint.path("name").asText(null);
        var covering = service.associate(app, ctx.pathParam("domain"), name);
        var c = covering.certificate();
        var domain = new java.util.LinkedHashMap<String, Object>();
        domain.put("hostname", covering.hostnames().get(0));
        domain.put("app", new Wire.AppRef(app.id(), app.name()));
        domain.put("sni_endpoint", Map.of("id", c.id(), "name", c.name()));
        ctx.json(domain);
    }

    static Wire.SniEndpoint wire(AppRow app, CertificateService.Covering covering) {
        var c = covering.certificate();
        return new Wire.SniEndpoint(c.id(), c.name(), c.chainPem(), new Wire.AppRef(app.id(), app.name()), null,
                covering.hostnames(), new Wire.SslCert(c.id(), c.caSigned(), c.certDomains(),
                c.notBefore().toInstant(), c.notAfter().toInstant(), c.issuer(), c.selfSigned(), c.subject(), c.acm()),
                c.createdAt().toInstant(), c.updatedAt().toInstant());
    }
}
