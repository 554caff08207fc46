package dev.paas.api.dashboard;

import dev.paas.api.addon.AddonService;
import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppService;
import dev.paas.api.auth.Authenticator;
import dev.paas.api.auth.UserRepository;
import dev.paas.api.build.BuildService;
import dev.paas.api.cert.CertificateService;
import dev.paas.api.collaborator.CollaboratorService;
import dev.paas.api.configvar.ConfigVarService;
import dev.paas.api.domain.DomainService;
import dev.paas.api.event.EventHub;
import dev.paas.api.formation.FormationService;
import dev.paas.api.http.Route;
import dev.paas.api.instance.DynoService;
import dev.paas.api.log.LogRepository;
import dev.paas.api.release.ReleaseService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The web dashboard, served by the API under /dashboard: its pages call the same services as the API's
 * handlers, with the signed-in user, so a change made here is the same release, event and log line as
 * one made with the CLI. Its routes are pages, not API endpoints: they are not in /openapi.json.
 */
public final class Dashboard {
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Dashboard.class);
    private final List<Route> routes;
    private final Pages pages;
    private final Web web;
    private final SignInService signIn;
    private final AppsPage appsPage;

    /** What the pages use: the API's own services and repositories. */
    public record Services(DSLContext dsl, AppRepository apps, UserRepository users, Authenticator authenticator,
                           AppService appService, ConfigVarService config, ReleaseService releases,
                           BuildService builds, FormationService formations, DynoService dynos,
                           DomainService domains, CollaboratorService collaborators, LogRepository logs,
                           EventHub hub, CertificateService certificates, AddonService addons) {
    }

    public Dashboard(Services s, String platformDomain, URI routerUrl, URI gitUrl) {
        this.pages = new Pages();
        this.signIn = new SignInService(s.dsl(), s.users(), s.authenticator(), new SessionRepository(),
                new SignInThrottle(5, Duration.ofMinutes(15), Clock.systemUTC()),
                new SignInThrottle(50, Duration.ofMinutes(15), Clock.systemUTC()), SESSION_LIFETIME);
        this.web = new Web(s.dsl(), s.apps(), signIn, pages);
        this.appsPage = new AppsPage(web, pages, s.appService(), s.dsl());
        var urls = new AppPage.Urls(platformDomain, routerUrl, gitUrl);
        var all = new ArrayList<Route>();
        all.addAll(new Assets(web).routes());
        all.addAll(new SessionPage(web, pages, signIn, SESSION_LIFETIME).routes());
        all.addAll(new AccountPage(web, pages, s.dsl(), s.users()).routes());
        all.addAll(appsPage.routes());
        all.addAll(new AppPage(web, pages, s.formations(), s.dynos(), s.releases(), s.builds(), urls).routes());
        all.addAll(new SettingsPage(web, pages, s.config(), s.domains(), s.collaborators(),
                s.certificates(), urls).routes());
        all.addAll(new ResourcesPage(web, pages, s.formations(), s.addons(), urls).routes());
        all.addAll(new LogsPage(web, pages, s.dsl(), s.apps(), s.logs(), s.hub(), signIn, urls).routes());
        this.routes = List.copyOf(all);
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * Run before the port opens: the first GET /dashboard after a start would otherwise load the template
     * classes, jOOQ's rendering of its queries and the session lookup (half a second here). This renders the
     * sign-in, apps, account and error pages and runs the apps list's queries for a user who sees no app.
     * A failure is logged, not fatal: the pages then warm up on their first request instead.
     */
    public void warmUp() {
        long started = System.nanoTime();
        try {
            var now = java.time.OffsetDateTime.now();
            var nobody = new Session(new byte[32], new dev.paas.api.auth.User(java.util.UUID.randomUUID(),
                    "warm-up@localhost", false, now, now), "warm-up", now);
            signIn.session("warm-up-" + java.util.UUID.randomUUID());
            appsPage.warmUp(nobody);
            var signInPage = web.params(null, "Sign in", null, null);
            signInPage.put("signInToken", "warm-up");
            signInPage.put("error", null);
            signInPage.put("email", "");
            pages.render("signin.jte", signInPage);
            var account = web.params(nobody, "Account", null, "account");
            account.put("changed", false);
            pages.render("account.jte", account);
            var error = web.params(nobody, "Not found", null, null);
            error.put("status", 404);
            error.put("message", "warm-up");
            error.put("back", Web.BASE);
            pages.render("error.jte", error);
            LOG.info("dashboard warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("dashboard warm-up failed; its pages will warm up on their first requests", e);
        }
    }
}
