package dev.paas.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The control plane on this side ({@link LocalPlatform}, bound to the hosts' gateway, no agent of its own) and
 * {@link Hosts} joined to it with {@code bin/platform join}, plus one Node app to push: what MultiHostTest and
 * the hosts benchmark share.
 */
final class HostFleet implements AutoCloseable {
    /** What every host's agent runs with: quick heartbeats, so that a lost host is noticed within seconds. */
    static final Map<String, String> AGENT_ENV = Map.of("PAAS_HEARTBEAT_SECONDS", "1", "PAAS_RESYNC_SECONDS", "5",
            "PAAS_DRAIN_SECONDS", "2", "PAAS_STOP_GRACE_SECONDS", "5");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Unique on this machine: other tests' images of other apps share its engine. */
    final String app = "mh-" + UUID.randomUUID().toString().substring(0, 8);
    final Hosts hosts;
    final LocalPlatform platform;
    final Path home;
    final Path repo;
    private HostFleet(Hosts hosts, LocalPlatform platform, Path home, Path repo) {
        this.hosts = hosts;
        this.platform = platform;
        this.home = home;
        this.repo = repo;
    }

    /** Starts the hosts and the control plane (a lost agent is noticed after 20 s); joins none yet. */
    static HostFleet start(Path dir, int hostCount) throws Exception {
        var hosts = new Hosts();
        try {
            hosts.start(hostCount);
            int apiPort = Shell.freePort();
            int builderPort = Shell.freePort();
            var platform = new LocalPlatform(dir)
                    .with("PORT", String.valueOf(apiPort))
                    .with("PAAS_API_BIND", hosts.gateway())
                    .with("PAAS_API_URL", "http://" + hosts.gateway() + ":" + apiPort)
                    .with("PAAS_LOCAL_AGENT", "0")
                    // git push goes to the API's host, so the CLI's netrc entry (by host) logs it in
                    .with("PAAS_BUILDER_PORT", String.valueOf(builderPort))
                    .with("PAAS_BUILDER_BIND", hosts.gateway())
                    .with("PAAS_GIT_URL", "http://" + hosts.gateway() + ":" + builderPort)
                    .with("PAAS_AGENT_TIMEOUT_SECONDS", "20")
                    .with("PAAS_ROUTER_CONNECT_TIMEOUT_MS", "1000");
            // the registry listens where the hosts reach it; its certificate names that address
            platform.with("PAAS_REGISTRY_BIND", hosts.gateway()).with("PAAS_REGISTRY_HOST", hosts.gateway())
                    .with("PAAS_REGISTRY_PORT", String.valueOf(Shell.freePort()));
            // a push returns once released: the first pull of the stack's layers onto three hosts at once
            // takes longer than a push should wait for web.1
            platform.with("PAAS_BOOT_WAIT_SECONDS", "0");
            var fleet = new HostFleet(hosts, platform, Files.createDirectories(dir.resolve("home")),
                    Files.createDirectories(dir.resolve("app")));
            platform.up();
            fleet.sampleApp();
            return fleet;
        } catch (Exception | AssertionError e) {
            hosts.close();
            throw e;
        }
    }

    /** {@code bin/platform join} on the host, with the registry: its address, CA and credentials. */
    Shell.Result join(Hosts.Host host, String... flags) throws Exception {
        var all = new ArrayList<>(List.of(flags));
        var env = new java.util.HashMap<>(AGENT_ENV);
        hosts.copy(host, platform.runDir().resolve("tls/ca.crt"), "/root/paas-ca.crt");
        all.addAll(List.of("--registry", registry(), "--ca", "/root/paas-ca.crt"));
        env.put("PAAS_REGISTRY_USERNAME", "paas");
        env.put("PAAS_REGISTRY_PASSWORD", registryPassword());
        return hosts.join(host, platform.apiUrl(), platform.adminToken(), env, all.toArray(String[]::new));
    }

    String registry() {
        return hosts.gateway() + ":" + platform.setting("PAAS_REGISTRY_PORT");
    }

    private String registryPassword() throws java.io.IOException {
        return Files.readString(platform.runDir().resolve("registry/password")).strip();
    }

    /** A Node app whose every answer names its process: which of them a router reached. */
    private void sampleApp() throws Exception {
        git("init", "-q", "-b", "main");
        git("config", "user.email", "dev@example.com");
        git("config", "user.name", "Dev");
        Files.writeString(repo.resolve("package.json"), """
                {"name": "demo", "version": "1.0.0", "private": true,
                 "scripts": {"start": "node server.js"}, "engines": {"node": ">=18"}}
                """);
        Files.writeString(repo.resolve("server.js"), """
                const http = require('http');
                http.createServer((req, res) => res.end(process.env.DYNO + '\\n'))
                  .listen(process.env.PORT, () => console.log('listening'));
                process.on('SIGTERM', () => process.exit(0));
                """);
        git("add", ".");
        git("commit", "-q", "-m", "demo");
    }

    /** Logs in, creates the app and pushes it (a real git push to the builder). */
    Shell.Result push() throws Exception {
        ok(paas("login", "--token", platform.adminToken()));
        ok(paas("apps:create", app));
        return git("push", "paas", "main");
    }

    /** The app's current image pulled onto one host's engine by digest, as its agent would; says how. */
    String pullOnto(Hosts.Host host) {
        String image = ok(paas("releases:info", "-a", app, "--json")).output();
        image = image.replaceAll("(?s).*\"image\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        try {
            hosts.exec(host, Map.of("PASSWORD", registryPassword()), "sh", "-c", "echo \"$PASSWORD\" | docker "
                    + "--config /root/pull login -u paas --password-stdin " + registry() + " >/dev/null && docker "
                    + "--config /root/pull pull -q " + image).orFail("docker pull in " + host.name());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "docker pull from the registry by digest";
    }

    Shell.Result paas(String... args) {
        return platform.paas(home, repo, args);
    }

    static Shell.Result ok(Shell.Result result) {
        return result.orFail("paas");
    }

    Shell.Result git(String... args) {
        var command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return Shell.run(repo, Map.of("HOME", home.toString(), "GIT_TERMINAL_PROMPT", "0"), Duration.ofMinutes(5),
                command).orFail("git " + String.join(" ", args));
    }

    /** How many of the app's web processes {@code paas ps} lists up. */
    long webUp() {
        return ok(paas("ps", "-a", app)).output().lines().filter(l -> l.matches("web\\.\\d+: up.*")).count();
    }

    String routerOnControlHost() {
        return "http://127.0.0.1:" + platform.routerPort() + "/";
    }

    /** GET / of the app through a router; its body, or an exception when not 200. */
    String get(String router) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(router)).header("Host", app + ".localhost")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body().strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** n requests in a row through the router, each answered 200 (else it throws). */
    boolean inARow(String router, int n) {
        for (int i = 0; i < n; i++) {
            get(router);
        }
        return true;
    }

    /** web.N of each host (all, or those given), from the labels of its engine's running containers. */
    Map<String, List<String>> webByHost(Hosts.Host... only) {
        var which = only.length == 0 ? hosts.all() : List.of(only);
        var out = new TreeMap<String, List<String>>();
        for (var host : which) {
            out.put(host.name(), hosts.exec(host, Map.of(), "docker", "ps", "--filter", "label=paas.type=web",
                    "--filter", "label=paas.app", "--format", "{{.Label \"paas.type\"}}.{{.Label \"paas.index\"}}")
                    .orFail("docker ps in " + host.name()).output().lines().filter(l -> !l.isBlank()).toList());
        }
        return out;
    }

    List<String> allWeb() {
        return webByHost().values().stream().flatMap(List::stream).sorted().toList();
    }

    @Override
    public void close() throws Exception {
        try {
            platform.close();
        } finally {
            hosts.close();
        }
    }
}
