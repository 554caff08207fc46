package dev.paas.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.client.Wire.Account;
import dev.paas.client.Wire.App;
import dev.paas.client.Wire.AppCreate;
import dev.paas.client.Wire.Build;
import dev.paas.client.Wire.BuildCreate;
import dev.paas.client.Wire.BuildUpdate;
import dev.paas.client.Wire.Collaborator;
import dev.paas.client.Wire.CollaboratorCreate;
import dev.paas.client.Wire.Domain;
import dev.paas.client.Wire.DomainCreate;
import dev.paas.client.Wire.Formation;
import dev.paas.client.Wire.FormationBatch;
import dev.paas.client.Wire.FormationUpdate;
import dev.paas.client.Wire.Release;
import dev.paas.client.Wire.ReleaseCreate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed client of the platform API. Every component (CLI, builder, agents, router) talks to the
 * control plane through this class only. Errors come back as {@link ApiException}.
 */
public final class PlatformClient {
    public static final String ACCEPT = "application/vnd.heroku+json; version=3";

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    public PlatformClient(URI base, String token) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI base() {
        return base;
    }

    public Account account() {
        return get("account", Account.class);
    }

    public List<App> apps() {
        return list("apps", App.class, "name ..");
    }

    public App createApp(String name) {
        return send("POST", "apps", new AppCreate(name), App.class);
    }

    public App app(String app) {
        return get(path("apps", app), App.class);
    }

    public App destroyApp(String app) {
        return send("DELETE", path("apps", app), null, App.class);
    }

    public Map<String, String> configVars(String app) {
        return send("GET", path("apps", app, "config-vars"), null, new TypeReference<>() { });
    }

    /** Sets the given vars; a {@code null} value unsets that var. Returns the whole new config. */
    public Map<String, String> updateConfigVars(String app, Map<String, String> changes) {
        return send("PATCH", path("apps", app, "config-vars"), changes, new TypeReference<>() { });
    }

    /** Releases, newest first, at most {@code max} of them. */
    public List<Release> releases(String app, int max) {
        return list(path("apps", app, "releases"), Release.class, "version ..; order=desc, max=" + Math.min(max, 1000))
                .stream().limit(max).toList();
    }

    public Release release(String app, String idOrVersion) {
        return get(path("apps", app, "releases", idOrVersion), Release.class);
    }

    public Map<String, String> releaseConfigVars(String app, String idOrVersion) {
        return send("GET", path("apps", app, "releases", idOrVersion, "config-vars"), null, new TypeReference<>() { });
    }

    public Release rollback(String app, String idOrVersion) {
        return send("POST", path("apps", app, "releases"), new ReleaseCreate(idOrVersion, null, null), Release.class);
    }

    public Release deploy(String app, java.util.UUID build, String description) {
        return send("POST", path("apps", app, "releases"), new ReleaseCreate(null, build, description), Release.class);
    }

    /** Deploys {@code build} and, in the same transaction, scales the new release's types to {@code formation}. */
    public Release deploy(String app, java.util.UUID build, String description, List<FormationUpdate> formation) {
        return send("POST", path("apps", app, "releases"), new ReleaseCreate(null, build, description, formation),
                Release.class);
    }

    public List<Formation> formation(String app) {
        return list(path("apps", app, "formation"), Formation.class, null);
    }

    public List<Formation> scale(String app, List<FormationUpdate> updates) {
        return send("PATCH", path("apps", app, "formation"), new FormationBatch(updates), listOf(Formation.class));
    }

    public List<Domain> domains(String app) {
        return list(path("apps", app, "domains"), Domain.class, "hostname ..");
    }

    public Domain addDomain(String app, String hostname) {
        return send("POST", path("apps", app, "domains"), new DomainCreate(hostname), Domain.class);
    }

    public Domain removeDomain(String app, String hostname) {
        return send("DELETE", path("apps", app, "domains", hostname), null, Domain.class);
    }

    public List<Collaborator> collaborators(String app) {
        return list(path("apps", app, "collaborators"), Collaborator.class, null);
    }

    public Collaborator addCollaborator(String app, String email) {
        return send("POST", path("apps", app, "collaborators"), new CollaboratorCreate(email), Collaborator.class);
    }

    public Collaborator removeCollaborator(String app, String email) {
        return send("DELETE", path("apps", app, "collaborators", email), null, Collaborator.class);
    }

    public List<Build> builds(String app) {
        return list(path("apps", app, "builds"), Build.class, "created_at ..; order=desc");
    }

    public Build build(String app, String id) {
        return get(path("apps", app, "builds", id), Build.class);
    }

    public String buildOutput(String app, String id) {
        return text(path("apps", app, "builds", id, "output"));
    }

    public Build createBuild(String app, BuildCreate create) {
        return send("POST", path("apps", app, "builds"), create, Build.class);
    }

    public Build updateBuild(String app, String id, BuildUpdate update) {
        return send("PATCH", path("apps", app, "builds", id), update, Build.class);
    }

    /** DELETE /apps/{app}/builds/{id}: cancels a pending build. */
    public Build cancelBuild(String app, String id) {
        return send("DELETE", path("apps", app, "builds", id), null, Build.class);
    }

    public Wire.Agent registerAgent(Wire.AgentRegistration registration) {
        return send("POST", "agents", registration, Wire.Agent.class);
    }

    public void heartbeat(java.util.UUID agent) {
        exchange("POST", path("agents", agent.toString(), "heartbeat"), null, null);
    }

    public List<Wire.AgentInstance> agentInstances(java.util.UUID agent) {
        return send("GET", path("agents", agent.toString(), "instances"), null, listOf(Wire.AgentInstance.class));
    }

    public void report(java.util.UUID agent, List<Wire.InstanceReport> reports) {
        exchange("PUT", path("agents", agent.toString(), "reports"), new Wire.InstanceReports(reports), null);
    }

    /** The hosts (runtime agents) with their state and use; admin only. */
    public List<Wire.Host> hosts() {
        return send("GET", "hosts", null, listOf(Wire.Host.class));
    }

    /** Takes nothing new and moves the host's slots elsewhere (web ones start before they stop); admin only. */
    public Wire.Host drainHost(String name) {
        return send("POST", path("hosts", name, "actions", "drain"), null, Wire.Host.class);
    }

    /** Back into placement: a draining host, or a removed one (re-admitted); admin only. */
    public Wire.Host undrainHost(String name) {
        return send("POST", path("hosts", name, "actions", "undrain"), null, Wire.Host.class);
    }

    /** Removes a drained or lost host that runs nothing; its agent runs nothing until undrained. Admin only. */
    public Wire.Host removeHost(String name) {
        return send("DELETE", path("hosts", name), null, Wire.Host.class);
    }

    /** Every app's hostnames and routable web processes, with the event id to follow changes from (admin only). */
    public Wire.RouteTable routes() {
        return get("routes", Wire.RouteTable.class);
    }

    /** Certificates, ACME challenge answers and HTTPS options for routers (admin token). */
    public Wire.RouterTls routerTls() {
        return get("router/tls", Wire.RouterTls.class);
    }

    public void shipLogs(java.util.UUID agent, List<Wire.LogLine> lines) {
        exchange("POST", path("agents", agent.toString(), "logs"), new Wire.LogLines(lines), null);
    }

    /** Ships lines of a platform component that is not an agent (the router), with an admin token. */
    public void shipLogs(List<Wire.LogLine> lines) {
        exchange("POST", "logs", new Wire.LogLines(lines), null);
    }

    /** Recent lines of an app's log, formatted; {@code dyno} and {@code source} may be null. */
    public String logs(String app, int num, String dyno, String source) {
        var query = new StringBuilder("?num=" + num);
        if (dyno != null) {
            query.append("&dyno=").append(URLEncoder.encode(dyno, StandardCharsets.UTF_8));
        }
        if (source != null) {
            query.append("&source=").append(URLEncoder.encode(source, StandardCharsets.UTF_8));
        }
        return text(path("apps", app, "logs") + query);
    }

    /**
     * Follows an app's log: recent lines, then new ones as they come, until the stream ends or
     * {@code onLine} returns false.
     */
    public void tailLogs(String app, int num, String dyno, String source,
                         java.util.function.Predicate<String> onLine) {
        var query = new StringBuilder("?tail=true&num=" + num);
        if (dyno != null) {
            query.append("&dyno=").append(URLEncoder.encode(dyno, StandardCharsets.UTF_8));
        }
        if (source != null) {
            query.append("&source=").append(URLEncoder.encode(source, StandardCharsets.UTF_8));
        }
        var request = HttpRequest.newBuilder(base.resolve(path("apps", app, "logs") + query))
                .header("Authorization", "Bearer " + token).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() >= 400) {
                String body = response.body().collect(java.util.stream.Collectors.joining("\n"));
                try {
                    var error = json.readValue(body, Wire.Error.class);
                    throw new ApiException(response.statusCode(), error.id(), error.message());
                } catch (IOException notJson) {
                    throw new ApiException(response.statusCode(), "http_" + response.statusCode(), body);
                }
            }
            try (var lines = response.body()) {
                var each = lines.iterator();
                boolean more = true;
                while (more && each.hasNext()) {
                    String line = each.next();
                    more = line.isEmpty() || onLine.test(line); // an empty line is the server's keep-alive
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("log stream from " + base + " broke: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads a signed stream URL that needs no token (a release's {@code outputStreamUrl}) line by line, until the
     * stream ends or {@code onLine} returns false.
     */
    public void streamText(String url, java.util.function.Predicate<String> onLine) {
        var request = HttpRequest.newBuilder(URI.create(url)).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            try (var lines = response.body()) {
                if (response.statusCode() >= 400) {
                    throw new ApiException(response.statusCode(), "http_" + response.statusCode(),
                            lines.collect(java.util.stream.Collectors.joining("\n")));
                }
                var each = lines.iterator();
                boolean more = true;
                while (more && each.hasNext()) {
                    more = onLine.test(each.next());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stream " + url.replaceFirst("/[^/]*$", "/...") + " broke: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Marks a succeeded release whose processes never came up as failed, so that the app runs its previous
     * succeeded release again (platform service tokens only).
     */
    public Release abandonRelease(String app, int version, String reason) {
        return send("POST", path("apps", app, "releases", "v" + version, "actions", "abandon"),
                new Wire.ReleaseAbandon(reason), Release.class);
    }

    /** Starts a one-off process from the app's current release; its output goes to the log as its dyno. */
    public Wire.Dyno createDyno(String app, Wire.DynoCreate create) {
        return send("POST", path("apps", app, "dynos"), create, Wire.Dyno.class);
    }

    /** Restarts all the app's processes ({@code dyno} null), a process type ("web") or one process ("web.1"). */
    public void restart(String app, String dyno) {
        exchange("DELETE", dyno == null ? path("apps", app, "dynos") : path("apps", app, "dynos", dyno), null, null);
    }

    /** Heroku's POST /apps/{app}/addons: provisions {@code plan} ("service" or "service:plan") for the app. */
    public Wire.Addon createAddon(String app, String plan) {
        return createAddon(app, plan, null);
    }

    public Wire.Addon addon(String app, String idOrName) {
        return get(path("apps", app, "addons", idOrName), Wire.Addon.class);
    }

    public List<Wire.Dyno> dynos(String app) {
        return send("GET", path("apps", app, "dynos"), null, listOf(Wire.Dyno.class));
    }

    /**
     * Follows the change stream after event {@code since} ({@code -1}: from now on), handing each
     * event to {@code onEvent}, until the stream ends or fails. Returns the id of the last event seen.
     */
    public long followEvents(long since, java.util.function.Consumer<Wire.Event> onEvent) {
        return followEvents(since, () -> { }, onEvent);
    }

    /**
     * Follows the event stream; {@code onOpen} runs once the stream is established, so that a watcher
     * can list after it (list-then-watch with no gap in which a change is missed).
     */
    public long followEvents(long since, Runnable onOpen, java.util.function.Consumer<Wire.Event> onEvent) {
        var request = HttpRequest.newBuilder(base.resolve("events?since=" + (since < 0 ? "now" : since)))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .build();
        long last = since;
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() >= 400) {
                throw new ApiException(response.statusCode(), "http_" + response.statusCode(),
                        "the event stream answered " + response.statusCode());
            }
            onOpen.run();
            try (var lines = response.body()) {
                for (var it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.startsWith("data:")) {
                        Wire.Event event = json.readValue(line.substring(5).trim(), Wire.Event.class);
                        last = event.id();
                        onEvent.accept(event);
                    }
                }
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException("event stream from " + base + " broke: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return last;
        }
    }

    /** The user's API tokens (Heroku's OAuth authorizations), oldest first. */
    public List<Wire.OAuthAuthorization> authorizations() {
        return send("GET", "oauth/authorizations", null, listOf(Wire.OAuthAuthorization.class));
    }

    /** A new token; the result's {@code accessToken.token} is its only appearance in clear. */
    public Wire.OAuthAuthorization createAuthorization(String description, Long expiresInSeconds) {
        return send("POST", "oauth/authorizations", new Wire.OAuthAuthorizationCreate(description, expiresInSeconds),
                Wire.OAuthAuthorization.class);
    }

    /** One of the user's authorizations by id; {@code ~} is the one this client's token belongs to. */
    public Wire.OAuthAuthorization authorization(String id) {
        return get(path("oauth", "authorizations", id), Wire.OAuthAuthorization.class);
    }

    // Add-ons

    public List<Wire.Addon> addons(String app) {
        return send("GET", path("apps", app, "addons"), null, listOf(Wire.Addon.class));
    }

    public Wire.Addon addon(String idOrName) {
        return send("GET", path("addons", idOrName), null, Wire.Addon.class);
    }

    /** {@code plan}: SERVICE or SERVICE:PLAN; {@code as}: the attachment's name, null for the default. */
    public Wire.Addon createAddon(String app, String plan, String as) {
        return send("POST", path("apps", app, "addons"), new Wire.AddonCreate(plan,
                as == null ? null : new Wire.AttachmentName(as), Map.of(), null, null), Wire.Addon.class);
    }

    public Wire.Addon destroyAddon(String idOrName, String confirm) {
        return send("DELETE", path("addons", idOrName) + (confirm == null ? ""
                : "?confirm=" + URLEncoder.encode(confirm, StandardCharsets.UTF_8)), null, Wire.Addon.class);
    }

    public List<Wire.AddonAttachment> attachments(String app) {
        return send("GET", path("apps", app, "addon-attachments"), null, listOf(Wire.AddonAttachment.class));
    }

    public List<Wire.AddonAttachment> attachmentsOf(String addon) {
        return send("GET", path("addons", addon, "addon-attachments"), null, listOf(Wire.AddonAttachment.class));
    }

    public Wire.AddonAttachment attach(String addon, String app, String as) {
        return send("POST", "addon-attachments", new Wire.AddonAttachmentCreate(addon, app, as, null),
                Wire.AddonAttachment.class);
    }

    public Wire.AddonAttachment detach(String attachmentId) {
        return send("DELETE", path("addon-attachments", attachmentId), null, Wire.AddonAttachment.class);
    }

    public List<Wire.AgentAddon> agentAddons(java.util.UUID agent) {
        return send("GET", path("agents", agent.toString(), "addons"), null, listOf(Wire.AgentAddon.class));
    }

    public void reportAddons(java.util.UUID agent, List<Wire.AddonReport> reports) {
        exchange("PUT", path("agents", agent.toString(), "addon-reports"), new Wire.AddonReports(reports), null);
    }

    public List<Wire.Backup> backups(String app) {
        return send("GET", path("apps", app, "backups"), null, listOf(Wire.Backup.class));
    }

    public List<Wire.Backup> addonBackups(String addon) {
        return send("GET", path("addons", addon, "backups"), null, listOf(Wire.Backup.class));
    }

    /** {@code backup}: b001, its id, or latest. */
    public Wire.Backup backup(String addon, String backup) {
        return send("GET", path("addons", addon, "backups", backup), null, Wire.Backup.class);
    }

    public Wire.Backup captureBackup(String addon) {
        return send("POST", path("addons", addon, "backups"), null, Wire.Backup.class);
    }

    public Wire.Backup deleteBackup(String addon, String backup, String confirm) {
        return send("DELETE", path("addons", addon, "backups", backup) + (confirm == null ? ""
                : "?confirm=" + URLEncoder.encode(confirm, StandardCharsets.UTF_8)), null, Wire.Backup.class);
    }

    /** Streams a completed backup's dump into {@code out}; the bytes written. */
    public long downloadBackup(String addon, String backup, java.io.OutputStream out) {
        try (var in = stream(path("addons", addon, "backups", backup, "data"))) {
            return in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("download of " + backup + " broke: " + e.getMessage(), e);
        }
    }

    /** {@code target}: null for the backup's own add-on; {@code confirm}: the target's app. */
    public Wire.BackupRestore restoreBackup(String addon, String backup, String target, String confirm) {
        return send("POST", path("addons", addon, "backups", backup, "restores"),
                new Wire.BackupRestoreCreate(target, confirm), Wire.BackupRestore.class);
    }

    public Wire.BackupRestore restore(String targetAddon, String id) {
        return send("GET", path("addons", targetAddon, "restores", id), null, Wire.BackupRestore.class);
    }

    public Wire.BackupSchedule scheduleBackups(String addon, int hourUtc, Integer retain) {
        return send("PUT", path("addons", addon, "backup-schedule"), new Wire.BackupScheduleUpdate(hourUtc, retain),
                Wire.BackupSchedule.class);
    }

    public void unscheduleBackups(String addon) {
        exchange("DELETE", path("addons", addon, "backup-schedule"), null, null);
    }

    public List<Wire.BackupSchedule> backupSchedules(String app) {
        return send("GET", path("apps", app, "backup-schedules"), null, listOf(Wire.BackupSchedule.class));
    }

    public List<Wire.BackupJob> backupJobs(java.util.UUID agent) {
        return send("GET", path("agents", agent.toString(), "backup-jobs"), null, listOf(Wire.BackupJob.class));
    }

    public Wire.BackupJob claimBackupJob(java.util.UUID agent, java.util.UUID job) {
        return send("POST", path("agents", agent.toString(), "backup-jobs", job.toString(), "claim"), null,
                Wire.BackupJob.class);
    }

    public void reportBackupJob(java.util.UUID agent, java.util.UUID job, String state, String reason) {
        exchange("PUT", path("agents", agent.toString(), "backup-jobs", job.toString()),
                new Wire.BackupJobReport(state, reason), null);
    }

    /** Streams a capture's dump to the API as it is read from {@code dump} (chunked, never whole in memory). */
    public void uploadBackup(java.util.UUID agent, java.util.UUID backup, java.io.InputStream dump) {
        var request = HttpRequest.newBuilder(base.resolve(path("agents", agent.toString(), "backups",
                        backup.toString(), "data")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> dump)).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 400) {
                throw error(response);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("upload of backup " + backup + " broke: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while uploading a backup", e);
        }
    }

    /** A completed backup's dump, for a restore; the caller closes it. */
    public java.io.InputStream agentBackupData(java.util.UUID agent, java.util.UUID backup) {
        return stream(path("agents", agent.toString(), "backups", backup.toString(), "data"));
    }

    private java.io.InputStream stream(String path) {
        var request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 400) {
                String body;
                try (var in = response.body()) {
                    body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                }
                try {
                    var error = json.readValue(body, Wire.Error.class);
                    throw new ApiException(response.statusCode(), error.id(), error.message());
                } catch (IOException notJson) {
                    throw new ApiException(response.statusCode(), "http_" + response.statusCode(), body);
                }
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the platform API at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the platform API", e);
        }
    }

    /** Revokes at once: the token gets 401 everywhere, and its open streams end. */
    public Wire.OAuthAuthorization revokeAuthorization(String id) {
        return send("DELETE", path("oauth", "authorizations", id), null, Wire.OAuthAuthorization.class);
    }

    public List<Wire.SniEndpoint> sniEndpoints(String app) {
        return send("GET", path("apps", app, "sni-endpoints"), null, listOf(Wire.SniEndpoint.class));
    }

    public Wire.SniEndpoint sniEndpoint(String app, String name) {
        return get(path("apps", app, "sni-endpoints", name), Wire.SniEndpoint.class);
    }

    public Wire.SniEndpoint addSniEndpoint(String app, String chainPem, String keyPem) {
        return send("POST", path("apps", app, "sni-endpoints"), new Wire.SniEndpointCreate(chainPem, keyPem),
                Wire.SniEndpoint.class);
    }

    public Wire.SniEndpoint updateSniEndpoint(String app, String name, String chainPem, String keyPem) {
        return send("PATCH", path("apps", app, "sni-endpoints", name), new Wire.SniEndpointCreate(chainPem, keyPem),
                Wire.SniEndpoint.class);
    }

    public Wire.SniEndpoint removeSniEndpoint(String app, String name) {
        return send("DELETE", path("apps", app, "sni-endpoints", name), null, Wire.SniEndpoint.class);
    }

    public Wire.HttpsOptions httpsOptions(String app) {
        return get(path("apps", app, "https"), Wire.HttpsOptions.class);
    }

    public Wire.HttpsOptions updateHttpsOptions(String app, Wire.HttpsOptionsUpdate update) {
        return send("PATCH", path("apps", app, "https"), update, Wire.HttpsOptions.class);
    }

    /** Turns Automatic Certificate Management on ({@code true}) or off. */
    public void setAcm(String app, boolean on) {
        exchange(on ? "POST" : "DELETE", path("apps", app, "acm"), on ? Map.of() : null, null);
    }

    /** Tries an ACM app's failed domains again. */
    public void refreshAcm(String app) {
        exchange("PATCH", path("apps", app, "acm"), Map.of(), null);
    }

    /** An app's domains with their ACM status. */
    public List<Wire.AcmDomain> acmDomains(String app) {
        return list(path("apps", app, "domains"), Wire.AcmDomain.class, "hostname ..");
    }

    public List<Wire.LogDrain> drains(String app) {
        return send("GET", path("apps", app, "log-drains"), null, new TypeReference<List<Wire.LogDrain>>() { });
    }

    public Wire.LogDrain addDrain(String app, String url) {
        return send("POST", path("apps", app, "log-drains"), new Wire.LogDrainCreate(url), Wire.LogDrain.class);
    }

    /** {@code drain}: its URL, token or id. */
    public Wire.LogDrain removeDrain(String app, String drain) {
        return send("DELETE", path("apps", app, "log-drains", drain), null, Wire.LogDrain.class);
    }

    public List<Wire.AppFeature> features(String app) {
        return send("GET", path("apps", app, "features"), null, listOf(Wire.AppFeature.class));
    }

    public Wire.AppFeature feature(String app, String name) {
        return get(path("apps", app, "features", name), Wire.AppFeature.class);
    }

    public Wire.AppFeature setFeature(String app, String name, boolean enabled) {
        return send("PATCH", path("apps", app, "features", name), new Wire.AppFeatureUpdate(enabled),
                Wire.AppFeature.class);
    }

    private static String path(String... segments) {
        var out = new StringBuilder();
        for (var s : segments) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    private <T> T get(String path, Class<T> type) {
        return send("GET", path, null, type);
    }

    private <T> T send(String method, String path, Object body, Class<T> type) {
        return decode(exchange(method, path, body, null), json.constructType(type));
    }

    private <T> T send(String method, String path, Object body, TypeReference<T> type) {
        return decode(exchange(method, path, body, null), json.constructType(type));
    }

    private <T> T send(String method, String path, Object body, JavaType type) {
        return decode(exchange(method, path, body, null), type);
    }

    private <T> List<T> list(String path, Class<T> type, String range) {
        var all = new ArrayList<T>();
        String next = range;
        for (int page = 0; page < 10_000; page++) {
            var response = exchange("GET", path, null, next);
            all.addAll(decode(response, listOf(type)));
            Optional<String> nextRange = response.headers().firstValue("Next-Range");
            if (response.statusCode() != 206 || nextRange.isEmpty()) {
                return all;
            }
            next = nextRange.get();
        }
        throw new IllegalStateException("more than 10000 pages at " + path);
    }

    private String text(String path) {
        return exchange("GET", path, null, null).body();
    }

    private JavaType listOf(Class<?> type) {
        return json.getTypeFactory().constructCollectionType(List.class, type);
    }

    private <T> T decode(HttpResponse<String> response, JavaType type) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new ApiException(response.statusCode(), "bad_response",
                    "the API answered with a body that is not the expected JSON: " + e.getMessage());
        }
    }

    private HttpResponse<String> exchange(String method, String path, Object body, String range) {
        try {
            var request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", ACCEPT)
                    .method(method, body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (range != null) {
                request.header("Range", range);
            }
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 400) {
                throw error(response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the platform API at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the platform API", e);
        }
    }

    private ApiException error(HttpResponse<String> response) {
        try {
            var error = json.readValue(response.body(), Wire.Error.class);
            return new ApiException(response.statusCode(), error.id(), error.message());
        } catch (IOException | RuntimeException e) {
            return new ApiException(response.statusCode(), "http_" + response.statusCode(),
                    "the API answered " + response.statusCode() + ": " + response.body());
        }
    }
}
