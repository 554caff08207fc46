package dev.paas.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.addon.AddonHandler;
import dev.paas.api.agent.AgentHandler;
import dev.paas.api.agent.AgentMonitor;
import dev.paas.api.agent.AgentRepository;
import dev.paas.api.app.AppHandler;
import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppService;
import dev.paas.api.auth.AccountHandler;
import dev.paas.api.auth.Authenticator;
import dev.paas.api.auth.AuthorizationHandler;
import dev.paas.api.auth.AuthorizationRepository;
import dev.paas.api.auth.UserRepository;
import dev.paas.api.build.BuildHandler;
import dev.paas.api.build.BuildRepository;
import dev.paas.api.collaborator.CollaboratorHandler;
import dev.paas.api.collaborator.CollaboratorRepository;
import dev.paas.api.configvar.ConfigVarHandler;
import dev.paas.api.db.Database;
import dev.paas.api.domain.DomainHandler;
import dev.paas.api.domain.SniEndpointHandler;
import dev.paas.api.domain.DomainRepository;
import dev.paas.api.event.EventHub;
import dev.paas.api.event.EventLog;
import dev.paas.api.event.EventStreamHandler;
import dev.paas.api.formation.FormationHandler;
import dev.paas.api.formation.FormationRepository;
import dev.paas.api.http.ApiServer;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Routes;
import dev.paas.api.http.SystemHandler;
import dev.paas.api.instance.DynoHandler;
import dev.paas.api.instance.DynoStopHandler;
import dev.paas.api.instance.InstanceRepository;
import dev.paas.api.instance.OneOffHandler;
import dev.paas.api.instance.OneOffRepository;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.log.LogHandler;
import dev.paas.api.log.LogRepository;
import dev.paas.api.log.LogSessionHandler;
import dev.paas.api.log.LogSessionTokens;
import dev.paas.api.log.PlatformLog;
import dev.paas.api.release.Ledger;
import dev.paas.api.release.ReleaseHandler;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.api.route.RouteHandler;
import dev.paas.api.route.RouteRepository;
import dev.paas.api.route.RouteWatch;
import dev.paas.client.Json;
import java.security.SecureRandom;
import java.time.Clock;

/** The running control plane, wired by hand: database, event hub and HTTP server. */
public final class Platform implements AutoCloseable {
    private static final java.time.Duration LOG_SESSION_LIFETIME = java.time.Duration.ofMinutes(5);
    private final Database database;
    private final EventHub hub;
    private final ApiServer server;
    private final UserRepository users;
    private final AgentMonitor monitor;

    private Platform(Database database, EventHub hub, ApiServer server, UserRepository users, AgentMonitor monitor) {
        this.monitor = monitor;
        this.database = database;
        this.hub = hub;
        this.server = server;
        this.users = users;
    }

    /** Migrates the database, then serves on {@code config.port()} (0: any free port). */
    public static Platform start(ApiConfig config) {
        Database.migrate(config);
        ObjectMapper json = Json.mapper();
        var database = new Database(config);
        var dsl = database.dsl();
        var hub = new EventHub(database).start();

        var authorizations = new AuthorizationRepository();
        var authenticator = new Authenticator(dsl, authorizations);
        var users = new UserRepository(authorizations);
        var apps = new AppRepository();
        var releases = new ReleaseRepository(json);
        var formations = new FormationRepository();
        var domains = new DomainRepository();
        var collaborators = new CollaboratorRepository();
        var builds = new BuildRepository(json);
        var events = new EventLog(json);
        var agents = new AgentRepository();
        var scheduler = new Scheduler(releases, agents, events);
        var instances = new InstanceRepository(releases);
        var logs = new LogRepository();
        var platformLog = new PlatformLog(logs);
        var ledger = new Ledger(apps, releases, formations, events, scheduler, platformLog);
        var bodies = new Bodies(json, config.maxBodyBytes());
        var appService = new AppService(dsl, apps, domains, formations, collaborators, ledger, events, config.domain(),
                scheduler);
        var oneOffs = new OneOffRepository(releases);
        var routeRepository = new RouteRepository();
        var agentHandler = new AgentHandler(dsl, agents, apps, instances, oneOffs, scheduler, bodies,
                new RouteWatch(routeRepository, events));

        var routes = Routes.table(
                new SystemHandler(dsl),
                new AccountHandler(),
                new AppHandler(dsl, apps, appService, bodies, config.domain(), config.routerUrl(), config.gitUrl()),
                new ConfigVarHandler(dsl, apps, releases, ledger, bodies),
                new ReleaseHandler(dsl, apps, releases, builds, ledger, bodies),
                new FormationHandler(dsl, apps, releases, formations, events, bodies, scheduler, platformLog),
                new DomainHandler(dsl, apps, domains, events, bodies, config.domain()),
                new CollaboratorHandler(dsl, apps, users, collaborators, events, bodies),
                new BuildHandler(dsl, apps, builds, events, bodies),
                new EventStreamHandler(dsl, apps, json, hub, authenticator),
                agentHandler,
                new DynoHandler(dsl, apps, instances, events, platformLog, scheduler),
                new OneOffHandler(dsl, apps, releases, oneOffs, scheduler, events, platformLog, bodies),
                new LogHandler(dsl, apps, logs, hub, bodies, authenticator),
                new RouteHandler(dsl, routeRepository),
                new AuthorizationHandler(dsl, authorizations, bodies),
                new Routes.HerokuCompat(new AddonHandler(dsl, apps), new SniEndpointHandler(dsl, apps),
                        new LogSessionHandler(dsl, apps, logs, hub, bodies, authenticator, logSessionTokens()),
                        new DynoStopHandler(dsl, apps, instances, oneOffs, events, platformLog)));
        var server = new ApiServer(json, authenticator, routes, config.maxBodyBytes())
                .start(config.bind(), config.port());
        var monitor = new AgentMonitor(dsl, agents, scheduler, agentHandler,
                java.time.Duration.ofSeconds(config.agentTimeoutSeconds())).start();
        return new Platform(database, hub, server, users, monitor);
    }

    /** Log session URLs are signed with a key of this process: they stop working when it restarts. */
    private static LogSessionTokens logSessionTokens() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new LogSessionTokens(Json.mapper(), key, Clock.systemUTC(), LOG_SESSION_LIFETIME);
    }

    public int port() {
        return server.port();
    }

    /** Creates a user and returns its first API token (shown once, stored hashed). */
    public String createUser(String email, boolean admin) {
        return users.create(database.dsl(), email, admin);
    }

    @Override
    public void close() {
        monitor.close();
        hub.close();
        server.close();
        database.close();
    }
}
