package dev.paas.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole platform on this host as a user gets it: {@code bin/platform up}, here on a fresh
 * database, free loopback ports and a run directory of its own, and {@code bin/platform down}.
 */
final class LocalPlatform implements AutoCloseable {
    private static final Duration UP = Duration.ofMinutes(10);
    private final Path root = Shell.root();
    private final Path runDir;
    private final Map<String, String> env = new HashMap<>();
    private final String adminJdbc;
    private final String dbUser;
    private final String dbPassword;
    private final String database;

    LocalPlatform(Path dir) throws SQLException {
        URI admin = URI.create(System.getenv().getOrDefault("PAAS_TEST_DATABASE_URL",
                "postgres://postgres:postgres@127.0.0.1:5432/postgres"));
        String[] userInfo = admin.getUserInfo().split(":", 2);
        dbUser = userInfo[0];
        dbPassword = userInfo[1];
        String hostPort = admin.getHost() + ":" + (admin.getPort() == -1 ? 5432 : admin.getPort());
        adminJdbc = "jdbc:postgresql://" + hostPort + admin.getPath();
        database = "paas_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (var c = DriverManager.getConnection(adminJdbc, dbUser, dbPassword); var s = c.createStatement()) {
            s.execute("create database " + database);
        }
        runDir = dir.resolve("run");
        int api = Shell.freePort();
        int builder = Shell.freePort();
        int router = Shell.freePort();
        env.put("DATABASE_URL", "postgres://" + dbUser + ":" + dbPassword + "@" + hostPort + "/" + database);
        env.put("PAAS_RUN_DIR", runDir.toString());
        env.put("PORT", String.valueOf(api));
        env.put("PAAS_API_URL", "http://127.0.0.1:" + api);
        env.put("PAAS_BUILDER_PORT", String.valueOf(builder));
        env.put("PAAS_GIT_URL", "http://127.0.0.1:" + builder);
        env.put("PAAS_ROUTER_PORT", String.valueOf(router));
        env.put("PAAS_ROUTER_TLS_PORT", String.valueOf(Shell.freePort()));
        env.put("PAAS_ROUTER_ADMIN_PORT", String.valueOf(Shell.freePort()));
        env.put("PAAS_AGENT_HEALTH_PORT", String.valueOf(Shell.freePort()));
        env.put("PAAS_REGISTRY_PORT", String.valueOf(Shell.freePort()));
        env.put("PAAS_ROUTER_URL", "http://localhost:" + router);
        env.put("PAAS_AGENT_NAME", "e2e-" + database.substring(9));
        env.put("PAAS_BUILDER_DATA_DIR", dir.resolve("builder").toString());
        env.put("PAAS_DOMAIN", "localhost");
        env.put("PAAS_SKIP_BUILD", "1");
        env.put("PAAS_DRAIN_SECONDS", "2");
        // Tests run log drains' receivers on loopback, which drains may not reach by default (SSRF).
        env.put("PAAS_DRAIN_ALLOW_PRIVATE", "true");
        env.put("PAAS_STOP_GRACE_SECONDS", "10");
        // Each component in its own process, as the tests of one component's behaviour (killing it, say)
        // expect; TwoProcessTest runs bin/platform's default, OneProcessTest one JVM.
        env.put("PAAS_PROCESSES", "4");
        // Writing class archives adds seconds to each JVM's first stop, and every test's run dir is new;
        // TwoProcessTest keeps them, as bin/platform does by default.
        env.put("PAAS_CLASS_ARCHIVES", "0");
        // Shared by the tests' platforms, not the user's: the first up's registry seed spares the others' half minute.
        env.put("PAAS_CACHE_DIR", root.resolve("e2e/target/paas-cache").toString());
    }

    /** Sets (or overrides) a variable the platform starts with; call before {@link #up()}. */
    LocalPlatform with(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Leaves a variable unset that the platform would otherwise start with; call before {@link #up()}. */
    LocalPlatform without(String name) {
        env.remove(name);
        return this;
    }

    LocalPlatform up() {
        var up = platform("up");
        if (up.code() != 0) {
            // What a failed up started (an API, an agent) must not outlive the test that asked for it.
            platform("down");
        }
        up.orFail("bin/platform up");
        return this;
    }

    Shell.Result platform(String command) {
        return platform(command, Map.of());
    }

    /** {@code bin/platform COMMAND} with these variables set on top of the platform's own. */
    Shell.Result platform(String command, Map<String, String> extra) {
        var withExtra = new HashMap<>(env);
        withExtra.putAll(extra);
        return Shell.run(root, withExtra, UP, List.of("bash", root.resolve("bin/platform").toString(), command));
    }

    /** {@code bin/platform COMMAND} with one of the platform's variables left unset. */
    Shell.Result platformWithout(String command, String name) {
        var without = new HashMap<>(env);
        without.remove(name);
        return Shell.run(root, without, UP, List.of("bash", root.resolve("bin/platform").toString(), command));
    }

    /** A setting the platform was started with. */
    String setting(String name) {
        return env.get(name);
    }

    String adminToken() throws Exception {
        return Files.readString(runDir.resolve("admin-token")).strip();
    }

    String apiUrl() {
        return env.get("PAAS_API_URL");
    }

    int routerPort() {
        return Integer.parseInt(env.get("PAAS_ROUTER_PORT"));
    }

    String gitUrl() {
        return env.get("PAAS_GIT_URL");
    }

    String agentName() {
        return env.get("PAAS_AGENT_NAME");
    }

    Path runDir() {
        return runDir;
    }

    /** Runs the {@code paas} CLI as a user does, in {@code dir}, with {@code home} holding its netrc. */
    Shell.Result paas(Path home, Path dir, String... args) {
        var command = new java.util.ArrayList<>(List.of(javaBin(), "-jar", root.resolve("cli/target/paas.jar")
                .toString()));
        command.addAll(List.of(args));
        return Shell.run(dir, Map.of("HOME", home.toString(), "PAAS_API_URL", apiUrl()), Duration.ofMinutes(5),
                command);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Lists with {@code docker LIST... --filter label=LABEL=<agent>} and removes what it lists with {@code docker REMOVE...}. */
    private void removeAll(String list, String label, String... remove) {
        var command = new java.util.ArrayList<>(List.of("/usr/bin/docker"));
        command.addAll(List.of(list.split(" ")));
        command.addAll(List.of("--filter", "label=" + label + "=" + agentName()));
        var ids = Shell.run(root, Map.of(), Duration.ofMinutes(1), command).output().lines().toList();
        if (!ids.isEmpty()) {
            var rm = new java.util.ArrayList<>(List.of("/usr/bin/docker"));
            rm.addAll(List.of(remove));
            rm.addAll(ids);
            Shell.run(root, Map.of(), Duration.ofMinutes(2), rm);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            platform("down");
            var ids = Shell.run(root, Map.of(), Duration.ofMinutes(1), List.of("/usr/bin/docker", "ps", "-aq",
                    "--filter", "label=paas.agent=" + agentName())).output().lines().toList();
            if (!ids.isEmpty()) {
                var rm = new java.util.ArrayList<>(List.of("/usr/bin/docker", "rm", "-f"));
                rm.addAll(ids);
                Shell.run(root, Map.of(), Duration.ofMinutes(2), rm);
            }
            // Add-ons: their containers outlive the agent by design (restart policy), their volumes hold data.
            removeAll("ps -aq", "paas.addon.agent", "rm", "-f");
            removeAll("volume ls -q", "paas.addon.agent", "volume", "rm");
            // The agent's per-app networks: left behind, they would use up the engine's address pools.
            removeAll("network ls -q", "paas.agent", "network", "rm");
            removeAll("network ls -q", "paas.addon.agent", "network", "rm");
        } finally {
            try (var c = DriverManager.getConnection(adminJdbc, dbUser, dbPassword); var s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private static final java.net.http.HttpClient ROUTER_CLIENT = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A process has exited as bin/platform counts it: gone, or a zombie its new parent has yet to reap. */
    static boolean exited(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException gone) {
            return true;
        }
    }

    /** The page the router serves for {@code host}; anything but a 200 is an exception (a failure of a load). */
    String served(String host) {
        try {
            var response = ROUTER_CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + routerPort()
                            + "/")).header("Host", host).timeout(Duration.ofSeconds(10)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
