package dev.paas.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.acme.AcmHandler;
import dev.paas.api.acme.AcmService;
import dev.paas.api.acme.AcmeWorker;
import dev.paas.api.addon.AddonHandler;
import dev.paas.api.agent.AgentHandler;
import dev.paas.api.agent.AgentMonitor;
import dev.paas.api.agent.AgentRepository;
import dev.paas.api.agent.AgentService;
import dev.paas.api.app.AppHandler;
import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppScope;
import dev.paas.api.app.AppService;
import dev.paas.api.auth.AccountHandler;
import dev.paas.api.auth.Authenticator;
import dev.paas.api.auth.AuthorizationHandler;
import dev.paas.api.auth.AuthorizationRepository;
import dev.paas.api.auth.UserRepository;
import dev.paas.api.build.BuildHandler;
import dev.paas.api.cache.Freshness;
import dev.paas.api.cache.ReadCache;
import dev.paas.api.build.BuildRepository;
import dev.paas.api.build.BuildService;
import dev.paas.api.cert.CertificateRepository;
import dev.paas.api.cert.CertificateService;
import dev.paas.api.cert.HttpsOptionsHandler;
import dev.paas.api.cert.HttpsOptionsRepository;
import dev.paas.api.cert.HttpsOptionsService;
import dev.paas.api.cert.RouterTlsHandler;
import dev.paas.api.cert.SecretBox;
import dev.paas.api.cert.SniEndpointHandler;
import dev.paas.api.collaborator.CollaboratorHandler;
import dev.paas.api.collaborator.CollaboratorRepository;
import dev.paas.api.collaborator.CollaboratorService;
import dev.paas.api.configvar.ConfigVarHandler;
import dev.paas.api.configvar.ConfigVarService;
import dev.paas.api.dashboard.Dashboard;
import dev.paas.api.db.Database;
import dev.paas.api.domain.DomainHandler;
import dev.paas.api.domain.DomainRepository;
import dev.paas.api.domain.DomainService;
import dev.paas.api.event.EventHub;
import dev.paas.api.event.EventLog;
import dev.paas.api.event.EventPublisher;
import dev.paas.api.event.EventStreamHandler;
import dev.paas.api.event.Transactions;
import dev.paas.api.formation.FormationHandler;
import dev.paas.api.formation.FormationRepository;
import dev.paas.api.formation.FormationService;
import dev.paas.api.http.ApiServer;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.api.http.Routes;
import dev.paas.api.http.SystemHandler;
import dev.paas.api.instance.DynoHandler;
import dev.paas.api.instance.DynoService;
import dev.paas.api.instance.DynoStopHandler;
import dev.paas.api.instance.InstanceRepository;
import dev.paas.api.instance.OneOffHandler;
import dev.paas.api.instance.OneOffRepository;
import dev.paas.api.instance.OneOffService;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.log.LogHandler;
import dev.paas.api.log.LogRepository;
import dev.paas.api.log.LogSessionHandler;
import dev.paas.api.log.LogService;
import dev.paas.api.log.LogSessionTokens;
import dev.paas.api.log.ReleaseOutputHandler;
import dev.paas.api.log.PlatformLog;
import dev.paas.api.release.Ledger;
import dev.paas.api.release.ReleasePhase;
import dev.paas.api.release.ReleasePhaseMonitor;
import dev.paas.api.release.ReleaseHandler;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.api.release.ReleaseService;
import dev.paas.api.route.RouteHandler;
import dev.paas.api.route.RouteRepository;
import dev.paas.api.route.RouteWatch;
import dev.paas.client.Json;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** The running control plane, wired by hand: database, event hub and HTTP server. */
public final class Platform implements AutoCloseable {
    private static final java.time.Duration LOG_SESSION_LIFETIME = java.time.Duration.ofMinutes(5);
    /**
     * Bounds of the read caches (tokens, apps as users see them): a few hundred bytes an entry, so at most
     * a couple of MB each; an entry older than this is read again, whatever NOTIFY said.
     */
    private static final int CACHED_READS = 4_096;
    private static final java.time.Duration CACHED_READ_AGE = java.time.Duration.ofSeconds(5);
    private final Database database;
    private final EventHub hub;
    private final ApiServer server;
    private final UserRepository users;
    private final List<AutoCloseable> monitors;
    private final List<Route> routes;
    private final Freshness freshness;

    private Platform(Database database, EventHub hub, ApiServer server, UserRepository users,
                     List<AutoCloseable> monitors, List<Route> routes, Freshness freshness) {
        this.freshness = freshness;
        this.monitors = monitors;
        this.routes = routes;
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
        var freshness = new Freshness();
        database.afterWrite(freshness::written);
        var hub = new EventHub(database, config.maxStreamsPerUser()).watch(freshness).start();

        var authorizations = new AuthorizationRepository();
        var authenticator = new Authenticator(dsl, authorizations,
                new ReadCache<>(freshness, Freshness.Source.USERS_AND_TOKENS, CACHED_READS, CACHED_READ_AGE));
        var users = new UserRepository(authorizations);
        var apps = new AppRepository();
        var releases = new ReleaseRepository(json);
        var formations = new FormationRepository();
        var domains = new DomainRepository();
        var collaborators = new CollaboratorRepository();
        var builds = new BuildRepository(json);
        // Publishes what a previous process committed but never published, then what any other leaves over.
        var publisher = new EventPublisher(dsl).start(java.time.Duration.ofSeconds(1));
        var transactions = new Transactions(dsl, new EventLog(json), publisher);
        var agents = new AgentRepository();
        var scheduler = new Scheduler(releases, agents);
        var instances = new InstanceRepository(releases);
        var oneOffs = new OneOffRepository(releases);
        var logs = new LogRepository();
        var platformLog = new PlatformLog(logs);
        var releasePhase = new ReleasePhase(transactions, apps, releases, formations, oneOffs, scheduler, platformLog,
                java.time.Duration.ofSeconds(config.releasePhaseTimeoutSeconds()), Clock.systemUTC());
        var ledger = new Ledger(transactions, releases, releasePhase, platformLog, config.imageRetainReleases());
        var bodies = new Bodies(json, config.maxBodyBytes());
        var app = new AppScope(dsl, apps,
                new ReadCache<>(freshness, Freshness.Source.EVERYTHING, CACHED_READS, CACHED_READ_AGE));
        var agentService = new AgentService(transactions, agents, apps, instances, oneOffs, scheduler,
                new RouteWatch(new RouteRepository()));
        var addons = new dev.paas.api.addon.AddonService(transactions, apps, agents, ledger, platformLog, scheduler,
                new dev.paas.api.addon.AddonService.Limits(config.maxAddonsPerUser(),
                        java.time.Duration.ofSeconds(config.addonProvisionTimeoutSeconds()), Clock.systemUTC()));
        var dynos = new DynoService(transactions, apps, instances, oneOffs, scheduler, platformLog);
        var formationService = new FormationService(transactions, apps, releases, formations, scheduler, platformLog);
        var backupStore = new dev.paas.api.backup.BackupStore(config.backupDir());
        var backups = new dev.paas.api.backup.BackupService(transactions, apps, backupStore, platformLog,
                config.backupManualLimit());
        var backupJobs = new dev.paas.api.backup.BackupJobService(transactions, agents, backupStore, platformLog);
        var backupSchedules = new dev.paas.api.backup.ScheduleService(transactions, backups, backupJobs, backupStore,
                platformLog, Clock.systemUTC(), java.time.Duration.ofSeconds(config.backupTimeoutSeconds()));

        var secrets = new SecretBox(config.secretsKey());
        var certificates = new CertificateRepository();
        var httpsOptions = new HttpsOptionsRepository();
        var acmeWorker = AcmeWorker.create(transactions, certificates, secrets, config.acme());

        var apiPort = new java.util.concurrent.atomic.AtomicInteger(config.port());
        var drains = dev.paas.api.drain.DrainDelivery.wire(dsl, transactions, hub, config.logs(),
                () -> platformPorts(config, apiPort.get()));
        var logTokens = logSessionTokens();
        var releaseOutput = new ReleaseOutputHandler(dsl, apps, logs, hub, authenticator, logTokens,
                (appId, dyno) -> releases.phaseRunning(dsl, appId, dyno));
        var requestMetrics = new dev.paas.common.metrics.RequestMetrics("api");
        var appService = new AppService(transactions, apps, domains, formations, collaborators, ledger,
                config.domain(), scheduler, addons);
        // Two shared transactions at once: one commits while the next gathers what came meanwhile. Each reads
        // its apps' locks and tips, then their slots, in a round trip each, not one per write.
        var groupCommit = new dev.paas.api.event.GroupCommit(transactions, 2, (tx, appIds) -> {
            ledger.lockAhead(tx, appIds);
            scheduler.slotsAhead(tx, appIds);
        });
        var configVars = new ConfigVarService(transactions, groupCommit, releases, ledger);
        var releaseService = new ReleaseService(transactions, releases, builds, ledger, formationService, releasePhase);
        var domainService = new DomainService(transactions, domains, config.domain());
        var collaboratorService = new CollaboratorService(transactions, users, collaborators);
        var buildService = new BuildService(transactions, builds);
        var certificateService = new CertificateService(transactions, certificates, domains, secrets,
                Clock.systemUTC());
        var routes = Routes.of(
                new SystemHandler(dsl, requestMetrics, database::statements).routes(),
                new AccountHandler(dsl, users, bodies).routes(),
                new AppHandler(app, appService, bodies, config.domain(), config.routerUrl(), config.gitUrl())
                        .routes(),
                new ConfigVarHandler(app, configVars, bodies).routes(),
                new ReleaseHandler(app, releaseService, bodies, releaseOutput::url).routes(),
                new FormationHandler(app, formationService, bodies).routes(),
                new DomainHandler(app, domainService, bodies, config.domain()).routes(),
                new CollaboratorHandler(app, collaboratorService, bodies).routes(),
                new BuildHandler(app, buildService, bodies).routes(),
                new DynoHandler(app, dynos).routes(),
                new OneOffHandler(app, new OneOffService(transactions, apps, releases, oneOffs, scheduler,
                        platformLog), bodies).routes(),
                new DynoStopHandler(app, dynos).routes(),
                new LogHandler(dsl, apps, app, logs, new LogService(transactions, logs), hub, bodies,
                        authenticator).routes(),
                new LogSessionHandler(dsl, apps, app, logs, hub, bodies, authenticator, logTokens).routes(),
                releaseOutput.routes(),
                new AgentHandler(agentService, bodies).routes(),
                new dev.paas.api.host.HostHandler(new dev.paas.api.host.HostService(transactions, agents, apps,
                        scheduler, agentService, new RouteWatch(new RouteRepository()))).routes(),
                new RouteHandler(dsl, new RouteRepository()).routes(),
                new AuthorizationHandler(dsl, authorizations, bodies).routes(),
                new AddonHandler(app, addons, bodies).routes(),
                new dev.paas.api.addon.AgentAddonHandler(addons, bodies).routes(),
                new dev.paas.api.backup.BackupHandler(app, backups, backupSchedules, bodies).routes(),
                new dev.paas.api.backup.AgentBackupHandler(backupJobs, bodies).routes(),
                new SniEndpointHandler(app, certificateService, bodies).routes(),
                new HttpsOptionsHandler(app, new HttpsOptionsService(transactions,
                        apps, httpsOptions), bodies).routes(),
                new AcmHandler(app, new AcmService(transactions, apps,
                        httpsOptions, secrets, acmeWorker::wake)).routes(),
                new RouterTlsHandler(dsl, certificates, secrets, Clock.systemUTC()).routes(),
                new dev.paas.api.drain.DrainHandler(app, drains.service(), bodies).routes(),
                new dev.paas.api.feature.FeatureHandler(app, new dev.paas.api.feature.FeatureService(transactions,
                        new dev.paas.api.feature.FeatureRepository()), bodies).routes(),
                new EventStreamHandler(dsl, apps, json, hub, authenticator).routes());
        var dashboard = new Dashboard(new Dashboard.Services(dsl, apps, users, authenticator, appService, configVars,
                releaseService, buildService, formationService, dynos, domainService, collaboratorService, logs, hub,
                certificateService, addons),
                config.domain(), config.routerUrl(), config.gitUrl());
        dashboard.warmUp();
        var server = new ApiServer(json, authenticator, routes, dashboard.routes(), config.maxBodyBytes(),
                requestMetrics)
                .start(config.bind(), config.port());
        var monitor = new AgentMonitor(agentService, java.time.Duration.ofSeconds(config.agentTimeoutSeconds()))
                .start();
        var phases = new ReleasePhaseMonitor(releasePhase, java.time.Duration.ofMillis(500)).start();
        var addonMonitor = new dev.paas.api.addon.AddonMonitor(addons, java.time.Duration.ofSeconds(1)).start();
        var backupTimer = new dev.paas.api.backup.BackupScheduler(backupSchedules, java.time.Duration.ofSeconds(30))
                .start();
        acmeWorker.start();
        apiPort.set(server.port());
        var retention = new dev.paas.api.log.LogRetention(dsl, config.logs().retentionLines(),
                config.logs().retentionAge(), config.logs().drainBufferLines(), Clock.systemUTC())
                .start(config.logs().pruneInterval());
        return new Platform(database, hub, server, users, List.of(groupCommit, publisher, monitor, phases, addonMonitor,
                backupTimer, acmeWorker, retention, drains.delivery().start()), routes, freshness);
    }

    /** What drains may never reach on internal addresses: the API, git, router and database ports. */
    private static java.util.Set<Integer> platformPorts(ApiConfig config, int apiPort) {
        var ports = new java.util.HashSet<Integer>();
        ports.add(apiPort);
        ports.add(port(config.gitUrl()));
        ports.add(port(config.routerUrl()));
        var db = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(config.jdbcUrl());
        ports.add(db.find() ? Integer.parseInt(db.group(1)) : 5432);
        return ports;
    }

    private static int port(java.net.URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }

    /** Log session URLs are signed with a key of this process: they stop working when it restarts. */
    private static LogSessionTokens logSessionTokens() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new LogSessionTokens(Json.mapper(), key, Clock.systemUTC(), LOG_SESSION_LIFETIME);
    }

    /** Every endpoint served, as the features export them. */
    public List<Route> routes() {
        return routes;
    }

    public int port() {
        return server.port();
    }

    /**
     * Drops every cached read: for changes made to the database behind the platform's back with triggers
     * off (the tests' truncate), which neither this process's writes nor NOTIFY announce.
     */
    public void forgetCachedReads() {
        freshness.invalidate();
    }

    /** Creates a user and returns its first API token (shown once, stored hashed). */
    public String createUser(String email, boolean admin) {
        return users.create(database.dsl(), email, admin);
    }

    @Override
    public void close() {
        for (var monitor : monitors) {
            try {
                monitor.close();
            } catch (Exception e) {
                throw new IllegalStateException("a monitor failed to stop", e);
            }
        }
        hub.close();
        server.close();
        database.close();
    }
}
