package dev.paas.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The records the platform API sends and takes, field for field as on the wire (snake_case there). */
public final class Wire {
    private Wire() {
    }

    public record AppRef(UUID id, String name) {
    }

    public record UserRef(UUID id, String email) {
    }

    public record Account(UUID id, String email, boolean admin, Instant createdAt, Instant updatedAt) {
    }

    /**
     * {@code region}, {@code stack}, {@code build_stack}, {@code create_status} and the sizes are there
     * because Heroku clients (the {@code heroku} CLI's apps:info) read them; sizes are not measured (null).
     */
    public record App(UUID id, String name, UserRef owner, String webUrl, String gitUrl,
                      Instant createdAt, Instant updatedAt, Instant releasedAt,
                      NamedRef region, NamedRef stack, NamedRef buildStack, String createStatus,
                      Long repoSize, Long slugSize, Boolean acm) {
    }

    public record NamedRef(String name) {
    }

    /** {@code PATCH /apps/{app}}: renames. */
    public record AppUpdate(String name) {
    }

    public record AppCreate(String name) {
    }

    public record BuildRef(UUID id) {
    }

    /**
     * Heroku's release. {@code status}: {@link ReleaseStatus}; {@code current}: the release the app runs (its
     * newest succeeded one). {@code statusReason} says why a release failed; {@code outputStreamUrl} streams
     * its release phase's output as plain text (no Authorization header: the URL is signed), null without one.
     */
    public record Release(UUID id, int version, String description, String status, boolean current,
                          UserRef user, BuildRef build, String image, Map<String, String> processTypes,
                          Instant createdAt, Instant updatedAt, String statusReason, String outputStreamUrl) {
    }

    /**
     * POST /apps/{app}/releases: {@code release} rolls back to that release (id or version); {@code build} deploys a
     * build, and {@code formation}, if given, scales the new release's process types in the same transaction.
     */
    public record ReleaseCreate(String release, UUID build, String description, List<FormationUpdate> formation) {
        public ReleaseCreate(String release, UUID build, String description) {
            this(release, build, description, null);
        }
    }

    public record Formation(UUID id, AppRef app, String type, int quantity, String size, String command,
                            Instant createdAt, Instant updatedAt) {
    }

    public record FormationUpdate(String type, Integer quantity, String size) {
    }

    public record FormationBatch(List<FormationUpdate> updates) {
    }

    public record Domain(UUID id, AppRef app, String hostname, String kind, String cname, String status,
                         Instant createdAt, Instant updatedAt) {
    }

    public record DomainCreate(String hostname) {
    }

    public record Collaborator(UUID id, AppRef app, UserRef user, Instant createdAt, Instant updatedAt) {
    }

    public record CollaboratorCreate(String user) {
    }

    public record Build(UUID id, AppRef app, UserRef user, String status, String commit, String buildpack,
                        String image, Map<String, String> processTypes, Instant createdAt, Instant updatedAt) {
    }

    /** POST /apps/{app}/builds, by the builder's service token; {@code user} is the pusher it authenticated. */
    public record BuildCreate(String commit, String buildpack, UUID user) {
        public BuildCreate(String commit, String buildpack) {
            this(commit, buildpack, null);
        }
    }

    /** PATCH /apps/{app}/builds/{id}: the builder reports the outcome of a pending build. */
    public record BuildUpdate(String status, String image, String buildpack, Map<String, String> processTypes,
                              String output, Map<String, List<HealthCheck>> healthchecks) {

        public BuildUpdate(String status, String image, String buildpack, Map<String, String> processTypes,
                           String output) {
            this(status, image, buildpack, processTypes, output, null);
        }
    }

    /**
     * One of a process type's health checks, from app.json's {@code healthchecks} (Dokku's format),
     * with its defaults filled in by the builder. {@code type} is startup, readiness or liveness; it
     * checks one of: {@code path} (an HTTP GET on the process's port: 2xx or 3xx passes, and the body
     * must hold {@code content} when given), {@code command} (run in the container: exit 0 passes) or
     * {@code listening} (the port accepts connections). app.json's {@code timeout}, {@code wait} and
     * {@code initialDelay} are the fields named with their unit, seconds.
     */
    public record HealthCheck(String type, String name, String path, String content, List<String> command,
                              Boolean listening, Integer attempts, Integer timeoutSeconds, Integer waitSeconds,
                              Integer initialDelaySeconds) {
    }

    /** {@code kind} stays a string here so that kinds newer than a reader pass through: see {@link EventKind#of}. */
    public record Event(long id, UUID appId, String kind, Map<String, Object> payload, Instant createdAt) {
        public boolean is(EventKind known) {
            return known.wire().equals(kind);
        }
    }

    public record Error(String id, String message) {
    }

    public record Agent(UUID id, String name, String address, int memoryMb, String status, Instant lastHeartbeatAt) {
    }

    /** POST /agents: an agent announces itself (again, after a restart: the name is its identity). */
    public record AgentRegistration(String name, String address, Integer memoryMb) {
    }

    /** One slot an agent should run, with everything needed to start it. */
    public record AgentInstance(UUID appId, String app, String type, int index, int release, String image,
                                String command, Map<String, String> env, String size, boolean oneOff,
                                int generation, List<HealthCheck> healthchecks, Boolean runtimeMetrics) {

        /** Before labs: no runtime metrics in the app's log. */
        public AgentInstance(UUID appId, String app, String type, int index, int release, String image,
                             String command, Map<String, String> env, String size, boolean oneOff,
                             int generation, List<HealthCheck> healthchecks) {
            this(appId, app, type, index, release, image, command, env, size, oneOff, generation, healthchecks, null);
        }

        public AgentInstance(UUID appId, String app, String type, int index, int release, String image,
                             String command, Map<String, String> env, String size, boolean oneOff, int generation) {
            this(appId, app, type, index, release, image, command, env, size, oneOff, generation, List.of());
        }
    }

    /** POST /apps/{app}/dynos: a one-off process ({@code paas run}); {@code attach} false runs it detached. */
    public record DynoCreate(String command, Boolean attach, String size) {
    }

    /**
     * What an agent found in one container; {@code state} is starting, up, crashed or down.
     * {@code reason} says why a process crashed when the exit code alone does not (out of memory,
     * image not found, host port taken, engine unavailable); a slot whose container could not even be
     * created is reported crashed under a {@code containerId} of its own making. {@code generation}
     * is the slot's restart the container belongs to; {@code since} is when it entered its state (its
     * start, or its end once exited), which {@code ps} shows.
     */
    public record InstanceReport(String containerId, UUID appId, String type, int index, int release, ProcessState state,
                                 Integer port, Integer exitCode, String reason, Integer generation, Instant since,
                                 Long memoryBytes, Double cpuPercent) {

        /** Without the engine's figures ({@code memoryBytes}, {@code cpuPercent}: null while not yet sampled). */
        public InstanceReport(String containerId, UUID appId, String type, int index, int release, ProcessState state,
                              Integer port, Integer exitCode, String reason, Integer generation, Instant since) {
            this(containerId, appId, type, index, release, state, port, exitCode, reason, generation, since, null,
                    null);
        }

        public InstanceReport(String containerId, UUID appId, String type, int index, int release, ProcessState state,
                              Integer port, Integer exitCode, String reason) {
            this(containerId, appId, type, index, release, state, port, exitCode, reason, null, null);
        }

        public InstanceReport(String containerId, UUID appId, String type, int index, int release, ProcessState state,
                              Integer port, Integer exitCode) {
            this(containerId, appId, type, index, release, state, port, exitCode, null);
        }
    }

    public record InstanceReports(List<InstanceReport> instances) {
    }

    /**
     * Heroku's dyno: a running (or starting, or crashed) process of an app, or a slot of the
     * formation {@code waiting} for an agent with room. {@code reason} says why it crashed or waits.
     */
    public record Dyno(String id, String name, String type, ProcessState state, int release, String size, String command,
                       String host, Integer port, Integer exitCode, Instant updatedAt, String reason,
                       Long memoryBytes, Double cpuPercent) {

        /** {@code memoryBytes} and {@code cpuPercent}: the engine's last figures for a running process, else null. */
        public Dyno(String id, String name, String type, ProcessState state, int release, String size, String command,
                    String host, Integer port, Integer exitCode, Instant updatedAt, String reason) {
            this(id, name, type, state, release, size, command, host, port, exitCode, updatedAt, reason, null, null);
        }

        public Dyno(String id, String name, String type, ProcessState state, int release, String size, String command,
                    String host, Integer port, Integer exitCode, Instant updatedAt) {
            this(id, name, type, state, release, size, command, host, port, exitCode, updatedAt, null);
        }
    }

    /** One log line: {@code source} is app (the process's output) or heroku (the platform about it). */
    public record LogLine(UUID appId, Instant time, String source, String dyno, String line) {
    }

    public record LogLines(List<LogLine> lines) {
    }

    /**
     * GET /routes (admin only): every app's hostnames and the web processes to send its requests to,
     * consistent with the event log up to {@code eventId}: follow /events from there.
     */
    public record RouteTable(long eventId, List<AppRoute> routes) {
    }

    /** One app's routing: how its web processes stand, and those that take requests. */
    public record AppRoute(UUID appId, String app, List<String> hostnames, WebState web, List<RouteBackend> backends) {
    }

    /** A web process that takes requests: {@code dyno} such as web.1, at {@code host:port}. */
    public record RouteBackend(String dyno, String host, int port, int release) {
    }

    /**
     * Heroku's SNI endpoint: an app's certificate. {@code domains} are the app's hostnames it covers; the private
     * key is never sent back.
     */
    public record SniEndpoint(UUID id, String name, String certificateChain, AppRef app, String displayName,
                              List<String> domains, SslCert sslCert, Instant createdAt, Instant updatedAt) {
    }

    /** What a certificate says about itself; {@code acm} when the platform obtained it (ACM). */
    public record SslCert(UUID id, @com.fasterxml.jackson.annotation.JsonProperty("ca_signed?") boolean caSigned,
                          List<String> certDomains, Instant startsAt, Instant expiresAt, String issuer,
                          @com.fasterxml.jackson.annotation.JsonProperty("self_signed?") boolean selfSigned,
                          String subject, boolean acm) {
    }

    /** A certificate to add, or to replace an app's certificate with: PEM chain (site's first) and PEM key. */
    public record SniEndpointCreate(String certificateChain, String privateKey) {
        @Override
        public String toString() {
            return "SniEndpointCreate[certificateChain=" + certificateChain + "]";
        }
    }

    /** An app's HTTPS options and whether the platform manages its certificates (ACM). */
    public record HttpsOptions(boolean acm, boolean redirectHttp, boolean hsts) {
    }

    /** A change of HTTPS options; absent fields keep their value. */
    public record HttpsOptionsUpdate(Boolean redirectHttp, Boolean hsts) {
    }

    /** A domain's automatic certificate status (Heroku's acm_status: pending, ok, failing, failed). */
    public record AcmDomain(String hostname, String kind, String acmStatus, String acmStatusReason,
                            Instant updatedAt) {
    }

    /**
     * What routers need for HTTPS ({@code GET /router/tls}, admin token): the certificates to serve by SNI, the
     * answers to pending ACME HTTP-01 challenges ({@code token -> key authorization}, served at
     * {@code /.well-known/acme-challenge/TOKEN} on plain HTTP), and each app's HTTPS options.
     */
    public record RouterTls(List<TlsCertificate> certificates, Map<String, String> acmeChallenges,
                            List<HttpsPolicy> policies) {
    }

    /** A certificate (leaf first, then its chain) and its private key, for the hostnames it covers. */
    public record TlsCertificate(String id, List<String> hostnames, String certificateChainPem, String privateKeyPem,
                                 Instant notAfter) {
    }

    /** An app's HTTPS options: redirect plain HTTP to HTTPS (308), and send Strict-Transport-Security over HTTPS. */
    public record HttpsPolicy(UUID appId, boolean redirectHttp, boolean hsts) {
    }

    /**
     * Heroku's OAuth authorization: an API token of the user, with a description and maybe an expiry.
     * {@code accessToken.token} is only ever sent by the request that creates it (only a hash is stored).
     */
    public record OAuthAuthorization(UUID id, String description, List<String> scope, AccessToken accessToken,
                                     UserRef user, Instant createdAt, Instant updatedAt) {
    }

    /** {@code expiresIn}: seconds left, null when it lasts until revoked. */
    public record AccessToken(UUID id, String token, Long expiresIn) {
    }

    /** POST /oauth/authorizations: {@code expiresIn} in seconds, null for a token that lasts until revoked. */
    public record OAuthAuthorizationCreate(String description, Long expiresIn) {
    }

    /** POST /apps/{app}/log-sessions, as the heroku CLI's {@code logs} sends it; all optional. */
    public record LogSessionCreate(String dyno, String source, Integer lines, Boolean tail) {
    }

    /** {@code logplexUrl} streams the session's lines as server-sent events, without other credentials. */
    public record LogSession(UUID id, String logplexUrl, Instant createdAt, Instant updatedAt) {
    }

    /** POST /apps/{app}/releases/{version}/actions/abandon (service tokens only): why the release never served. */
    public record ReleaseAbandon(String reason) {
    }

    // Add-ons (Heroku's add-on, add-on attachment, add-on service and plan shapes).

    public record IdRef(UUID id, String name) {
    }

    public record Price(int cents, boolean contract, String unit) {
    }

    /** {@code state}: provisioning, provisioned or deprovisioned; {@code configVars}: the vars its attachments set. */
    public record Addon(UUID id, String name, IdRef addonService, IdRef plan, AppRef app, AppRef billingEntity,
                        Price billedPrice, List<String> configVars, String state, String providerId,
                        List<Object> actions, String webUrl, Instant createdAt, Instant updatedAt) {
    }

    /** POST /apps/{app}/addons: {@code plan} is SERVICE or SERVICE:PLAN; the rest optional. */
    public record AddonCreate(String plan, AttachmentName attachment, Map<String, String> config, String confirm,
                              String name) {
    }

    public record AttachmentName(String name) {
    }

    public record AttachmentAddon(UUID id, String name, AppRef app) {
    }

    public record AddonAttachment(UUID id, String name, AttachmentAddon addon, AppRef app, String namespace,
                                  String webUrl, Instant createdAt, Instant updatedAt) {
    }

    /** POST /addon-attachments: {@code addon} and {@code app} by name or id; {@code name} optional. */
    public record AddonAttachmentCreate(String addon, String app, String name, String confirm) {
    }

    public record AddonService(UUID id, String name, String humanName, String state,
                               boolean supportsMultipleInstallations, boolean supportsSharing, Instant createdAt,
                               Instant updatedAt) {
    }

    public record AddonPlan(UUID id, String name, String humanName, String description, IdRef addonService,
                            Price price, @com.fasterxml.jackson.annotation.JsonProperty("default") boolean isDefault,
                            String state, boolean visible, Instant createdAt, Instant updatedAt) {
    }

    /** An add-on an agent runs: its container, volume and credentials, and the apps whose networks it joins. */
    public record AgentAddon(UUID id, String name, String service, String plan, int memoryMb, int connections,
                             String username, String password, List<UUID> appIds) {
    }

    /** {@code state}: starting, ready or failed (with {@code reason}). */
    public record AddonReport(UUID id, String state, String reason) {
    }

    public record AddonReports(List<AddonReport> addons) {
    }

    /**
     * A Postgres add-on's backup ({@code name} b001, b002... per add-on): {@code kind} capture or scheduled,
     * {@code state} pending, running, completed (with {@code sizeBytes}) or failed (with {@code reason}).
     */
    public record Backup(UUID id, String name, int number, IdRef addon, AppRef app, String kind, String state,
                         String reason, Long sizeBytes, String sourceName, Instant createdAt, Instant startedAt,
                         Instant finishedAt) {
    }

    /** A restore of {@code backup} (null once deleted) into {@code target}; states as a backup's. */
    public record BackupRestore(UUID id, IdRef backup, IdRef source, IdRef target, String state, String reason,
                                Instant createdAt, Instant startedAt, Instant finishedAt) {
    }

    /** POST /addons/{addon}/backups/{backup}/restores: {@code target} defaults to the backup's own add-on. */
    public record BackupRestoreCreate(String target, String confirm) {
    }

    /** A daily capture at {@code hourUtc}:00 UTC keeping the newest {@code retain} scheduled backups. */
    public record BackupSchedule(IdRef addon, AppRef app, int hourUtc, int retain, Instant createdAt) {
    }

    /** PUT /addons/{addon}/backup-schedule. */
    public record BackupScheduleUpdate(Integer hourUtc, Integer retain) {
    }

    /**
     * Work for the agent that runs {@code addonId}: a {@code capture} dumps it into backup {@code backupId},
     * a {@code restore} loads backup {@code backupId} into it. Credentials included: admin tokens only.
     */
    public record BackupJob(UUID id, String kind, UUID addonId, UUID backupId, String username, String password,
                            int attempts) {
    }

    /** {@code state}: completed or failed (with {@code reason}). */
    public record BackupJobReport(String state, String reason) {
    }

    /**
     * {@code /apps/{app}/log-drains}, in Heroku's shape: where the platform forwards the app's log. {@code token}
     * ({@code d.<uuid>}) is in every message the drain receives; {@code addon} is always null here.
     */
    public record LogDrain(UUID id, String url, String token, IdRef addon, AppRef app, Instant createdAt,
                           Instant updatedAt) {
    }

    public record LogDrainCreate(String url) {
    }

    /**
     * Heroku's app feature (labs): {@code state} is beta, as Heroku calls labs features; {@code docUrl}
     * says where it is described.
     */
    public record AppFeature(String name, String description, boolean enabled, String state, String docUrl) {
    }

    /** PATCH /apps/{app}/features/{name}. */
    public record AppFeatureUpdate(Boolean enabled) {
    }

    /**
     * {@code GET /hosts} (operators only): one runtime agent's host, what it offers and holds.
     * {@code usedMb} counts its slots at their sizes, one-offs and add-ons; {@code processes} what its
     * agent last reported running; {@code agentVersion} is null when the agent does not say.
     */
    public record Host(String name, String address, HostState state, int memoryMb, int usedMb, int processes,
                       Instant lastHeartbeatAt, String agentVersion) {
    }
}
