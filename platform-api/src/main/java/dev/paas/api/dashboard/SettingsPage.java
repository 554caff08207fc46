package dev.paas.api.dashboard;

import static dev.paas.api.dashboard.Web.BASE;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paas.api.app.AppRow;
import dev.paas.api.cert.CertificateService;
import dev.paas.api.collaborator.CollaboratorService;
import dev.paas.api.configvar.ConfigChange;
import dev.paas.api.configvar.ConfigVarService;
import dev.paas.api.db.Seek;
import dev.paas.api.domain.DomainService;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * An app's settings: config vars (each save is a release, as {@code paas config:set}), domains,
 * certificates (added by pasting the chain and key into a form, whose body is the only place they travel;
 * the key is never shown back) and collaborators. Every change goes through the service the API's handler calls, with the same checks.
 */
final class SettingsPage {
    private final Web web;
    private final Pages pages;
    private final ConfigVarService config;
    private final DomainService domains;
    private final CollaboratorService collaborators;
    private final CertificateService certificates;
    private final AppPage.Urls urls;

    SettingsPage(Web web, Pages pages, ConfigVarService config, DomainService domains,
                 CollaboratorService collaborators, CertificateService certificates, AppPage.Urls urls) {
        this.web = web;
        this.pages = pages;
        this.config = config;
        this.domains = domains;
        this.collaborators = collaborators;
        this.certificates = certificates;
        this.urls = urls;
    }

    List<Route> routes() {
        String app = BASE + "/apps/{app}";
        return List.of(
                Route.open(HandlerType.GET, app + "/settings", web.inApp(this::show)),
                Route.open(HandlerType.POST, app + "/config", web.inApp(this::setVar)),
                Route.open(HandlerType.POST, app + "/config/remove", web.inApp(this::removeVar)),
                Route.open(HandlerType.POST, app + "/domains", web.inApp(this::addDomain)),
                Route.open(HandlerType.POST, app + "/domains/remove", web.inApp(this::removeDomain)),
                Route.open(HandlerType.POST, app + "/certificates", web.inApp(this::addCertificate)),
                Route.open(HandlerType.POST, app + "/certificates/remove", web.inApp(this::removeCertificate)),
                Route.open(HandlerType.POST, app + "/collaborators", web.inApp(this::addCollaborator)),
                Route.open(HandlerType.POST, app + "/collaborators/remove", web.inApp(this::removeCollaborator)));
    }

    void show(Context ctx, Session session, AppRow app) {
        var params = web.params(session, app.name() + " settings", app.name(), "settings");
        params.put("app", urls.of(app));
        params.put("vars", config.show(app).entrySet().stream()
                .map(e -> new Views.ConfigVar(e.getKey(), e.getValue())).toList());
        params.put("domains", domains.list(app, Seek.first("hostname")).items());
        params.put("collaborators", collaborators.list(app));
        params.put("certificates", certificates.list(app));
        pages.render(ctx, 200, "settings.jte", params);
    }

    void setVar(Context ctx, Session session, AppRow app) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put(field(ctx, "key").trim(), field(ctx, "value"));
        config.update(session.user(), app, ConfigChange.parse(body));
        back(ctx, app);
    }

    void removeVar(Context ctx, Session session, AppRow app) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putNull(field(ctx, "key"));
        config.update(session.user(), app, ConfigChange.parse(body));
        back(ctx, app);
    }

    void addDomain(Context ctx, Session session, AppRow app) {
        domains.create(app, field(ctx, "hostname").trim());
        back(ctx, app);
    }

    void removeDomain(Context ctx, Session session, AppRow app) {
        domains.delete(app, field(ctx, "hostname"));
        back(ctx, app);
    }

    /** The same checks and messages as {@code POST /apps/{app}/sni-endpoints}: a refused pair stores nothing. */
    void addCertificate(Context ctx, Session session, AppRow app) {
        certificates.create(app, field(ctx, "certificate_chain"), field(ctx, "private_key"));
        back(ctx, app);
    }

    void removeCertificate(Context ctx, Session session, AppRow app) {
        certificates.delete(app, field(ctx, "name"));
        back(ctx, app);
    }

    void addCollaborator(Context ctx, Session session, AppRow app) {
        collaborators.add(app, session.user(), field(ctx, "email").trim());
        back(ctx, app);
    }

    void removeCollaborator(Context ctx, Session session, AppRow app) {
        collaborators.remove(app, session.user(), field(ctx, "email"));
        back(ctx, app);
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }

    private static void back(Context ctx, AppRow app) {
        Web.redirect(ctx, BASE + "/apps/" + app.name() + "/settings");
    }
}
