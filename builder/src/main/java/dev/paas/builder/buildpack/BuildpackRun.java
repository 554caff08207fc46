package dev.paas.builder.buildpack;

import dev.paas.builder.build.BuildFailure;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.docker.DockerEngine;
import dev.paas.builder.docker.RunOutcome;
import dev.paas.builder.docker.RunSpec;
import dev.paas.builder.fs.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles an app in a throwaway container of the build image (never on the host), following the Heroku
 * buildpack API. The source is mounted at /app (so paths baked in at build time hold at run time), the app's
 * cache at /cache, its config vars as ENV_DIR at /env, and the builder's CA bundle and proxy settings are
 * handed in.
 */
public final class BuildpackRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuildpackRun.class);
    private static final String CA_IN_CONTAINER = "/etc/ssl/certs/paas-ca.crt";
    private static final String TRUSTSTORE_IN_CONTAINER = "/etc/ssl/certs/paas-ca.p12";
    private final DockerEngine docker;
    private final String buildImage;
    private final Path buildpacks;
    private final Path caBundle;
    private final Path trustStore;
    private final Map<String, String> proxyEnv;
    private final int memoryMb;
    private final Duration timeout;
    private final WarmContainer warm;

    /**
     * @param warmStarter where warm build containers are started (see {@link WarmContainer}); null: every build
     *                    starts its own container
     */
    public BuildpackRun(DockerEngine docker, String buildImage, Path buildpacks, Path caBundle, Path dataDir,
                        Path workDir, Map<String, String> proxyEnv, int memoryMb, Duration timeout,
                        Executor warmStarter) {
        this.docker = docker;
        this.buildImage = buildImage;
        this.buildpacks = buildpacks;
        this.caBundle = caBundle;
        this.proxyEnv = proxyEnv;
        this.memoryMb = memoryMb;
        this.timeout = timeout;
        if (caBundle != null) {
            this.trustStore = dataDir.resolve("ca-truststore.p12");
            TrustStore.write(caBundle, trustStore);
        } else {
            this.trustStore = null;
        }
        this.warm = warmStarter == null ? null : new WarmContainer(docker, workDir, dir -> new RunSpec("warm",
                buildImage, List.of("/buildpacks/paas-build-warm"), env(), binds(dir.resolve("app"),
                dir.resolve("cache"), dir.resolve("env"), dir.resolve("out"), dir.resolve("go")), "0", "/app",
                memoryMb, timeout), warmStarter);
    }

    /** Starts a warm build container for the next build, unless one is there (no-op without warm containers). */
    public void replenish() {
        if (warm != null) {
            warm.replenish();
        }
    }

    /** Removes the warm build container, if one is waiting. */
    @Override
    public void close() {
        if (warm != null) {
            warm.close();
        }
    }

    /** What the buildpack said: its name and the default process types from bin/release. */
    public record Compiled(String buildpack, String releaseYaml) {
    }

    /**
     * Compiles {@code appDir} in place. {@code scratch} holds ENV_DIR and the driver's answers; {@code cacheDir}
     * persists between builds of the app. Runs in the warm build container when there is one, else in a container
     * started for it; the two differ in nothing the build sees.
     */
    public Compiled compile(String buildId, Path appDir, Path cacheDir, Path scratch, Map<String, String> configVars,
                            String commit, BuildLog log, dev.paas.builder.build.Cancellation cancel) {
        String buildpackUrl = configVars.get("BUILDPACK_URL");
        buildpackUrl = buildpackUrl == null || buildpackUrl.isBlank() ? null : buildpackUrl.strip();
        Path local = buildpackUrl != null && buildpackUrl.startsWith("/") ? Path.of(buildpackUrl) : null;
        if (local != null && !Files.isDirectory(local)) {
            throw new BuildFailure("BUILDPACK_URL names a directory that does not exist on the builder: "
                    + buildpackUrl);
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build cache", e);
        }
        // A local buildpack is a mount of its own, which a warm container lacks.
        var taken = local == null && warm != null ? warm.take() : Optional.<WarmContainer.Warm>empty();
        if (taken.isPresent()) {
            var inWarm = compileWarm(taken.get(), appDir, cacheDir, configVars, commit, buildpackUrl, log, cancel);
            if (inWarm.isPresent()) {
                return inWarm.get();
            }
        }
        return compileCold(buildId, appDir, cacheDir, scratch, configVars, commit, buildpackUrl, local, log, cancel);
    }

    private Compiled compileCold(String buildId, Path appDir, Path cacheDir, Path scratch,
                                 Map<String, String> configVars, String commit, String buildpackUrl, Path local,
                                 BuildLog log, dev.paas.builder.build.Cancellation cancel) {
        if (!docker.hasImage(buildImage)) {
            throw new BuildFailure("The build image " + buildImage + " is missing from the engine; an operator "
                    + "builds it with bin/lib.sh ensure_build_image.");
        }
        Path envDir = scratch.resolve("env");
        Path outDir = scratch.resolve("out");
        try {
            Files.createDirectories(outDir);
            writeEnvDir(envDir, configVars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build directories", e);
        }
        var binds = binds(appDir, cacheDir, envDir, outDir, null);
        var env = env();
        env.put("SOURCE_VERSION", commit);
        if (buildpackUrl != null) {
            env.put("BUILDPACK_URL", buildpackUrl);
            if (local != null) {
                binds.add(local + ":/custom-buildpack:ro");
            }
        }
        RunOutcome outcome;
        try {
            outcome = docker.run(new RunSpec(buildId, buildImage, List.of("/buildpacks/paas-build"), env, binds,
                    "0", "/app", memoryMb, timeout), log::line, cancel);
        } catch (com.github.dockerjava.api.exception.DockerException e) {
            throw engineFailure(e);
        }
        return compiled(outcome, outDir);
    }

    /**
     * Compiles in the warm container {@code taken}: moves the source and the cache into its directories, says go,
     * and moves them back when it has ended. Nothing when the directories could not be handed over (the caller starts
     * its own container). The container and its directory are removed off the build's path ({@link WarmContainer#retire}).
     */
    private Optional<Compiled> compileWarm(WarmContainer.Warm taken, Path appDir, Path cacheDir,
                                           Map<String, String> configVars, String commit, String buildpackUrl,
                                           BuildLog log, dev.paas.builder.build.Cancellation cancel) {
        try {
            if (!docker.isRunning(taken.containerId())) { // the engine restarted meanwhile, say
                LOG.warn("at=warn msg=\"the warm build container is gone; starting one\" container={}",
                        taken.containerId());
                return Optional.empty();
            }
            try {
                writeEnvDir(taken.env(), configVars);
                Files.writeString(taken.go().resolve("SOURCE_VERSION"), commit, StandardCharsets.UTF_8);
                if (buildpackUrl != null) {
                    Files.writeString(taken.go().resolve("BUILDPACK_URL"), buildpackUrl, StandardCharsets.UTF_8);
                }
                FileTrees.moveEntries(appDir, taken.app());
                FileTrees.moveEntries(cacheDir, taken.cache());
            } catch (IOException e) {
                LOG.warn("at=warn msg=\"cannot hand a build to the warm build container; starting one\" "
                        + "error=\"{}\"", e.getMessage());
                giveBack(taken, appDir, cacheDir);
                return Optional.empty();
            }
            RunOutcome outcome;
            try (var pipe = WarmContainer.go(taken)) {
                outcome = docker.attend(taken.containerId(), false, timeout, log::line, cancel);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot tell the warm build container to go", e);
            } catch (com.github.dockerjava.api.exception.DockerException e) {
                throw engineFailure(e);
            } finally {
                giveBack(taken, appDir, cacheDir);
            }
            return Optional.of(compiled(outcome, taken.out()));
        } finally {
            warm.retire(taken);
        }
    }

    /** Moves the build's source and cache back from a warm container's directories, as far as they go. */
    private static void giveBack(WarmContainer.Warm warm, Path appDir, Path cacheDir) {
        for (Path[] move : new Path[][] {{warm.app(), appDir}, {warm.cache(), cacheDir}}) {
            try {
                FileTrees.moveEntries(move[0], move[1]);
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("at=warn msg=\"cannot move a build's files back from the warm build container\" "
                        + "from={} error=\"{}\"", move[0], e.getMessage());
            }
        }
    }

    private Compiled compiled(RunOutcome outcome, Path outDir) {
        if (outcome.timedOut()) {
            throw new BuildFailure("Build timed out after " + timeout.toSeconds() + " seconds and was stopped.");
        }
        if (outcome.outOfMemory()) {
            throw new BuildFailure("Build ran out of memory (limit " + memoryMb + " MB) and was stopped.");
        }
        if (!outcome.succeeded()) {
            throw new BuildFailure("Build failed (exit code " + outcome.exitCode() + "); see the output above.");
        }
        return new Compiled(read(outDir.resolve("buildpack")), read(outDir.resolve("release.yml")));
    }

    private BuildFailure engineFailure(com.github.dockerjava.api.exception.DockerException e) {
        return new BuildFailure("The build container could not run in the engine (" + e.getMessage().strip()
                + "); the builder is fine: push again, or ask an operator to check the build image " + buildImage
                + ".", e);
    }

    /** The environment every build container gets: the stack, the proxy settings, the CA bundle's names. */
    private Map<String, String> env() {
        var env = new LinkedHashMap<>(proxyEnv);
        env.put("STACK", "paas-bookworm");
        env.put("LANG", "C.UTF-8");
        if (caBundle != null) {
            for (String name : List.of("SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE", "PIP_CERT",
                    "CURL_CA_BUNDLE", "GIT_SSL_CAINFO", "npm_config_cafile")) {
                env.put(name, CA_IN_CONTAINER);
            }
            env.put("PAAS_JAVA_TRUSTSTORE", TRUSTSTORE_IN_CONTAINER);
        }
        return env;
    }

    /** The mounts of a build container; {@code go}: a warm container's word pipe and build settings, else null. */
    private List<String> binds(Path app, Path cache, Path envDir, Path out, Path go) {
        var binds = new ArrayList<>(List.of(app + ":/app", cache + ":/cache", envDir + ":/env:ro", out + ":/out",
                buildpacks + ":/buildpacks:ro"));
        if (go != null) {
            binds.add(go + ":/go:ro");
        }
        if (caBundle != null) {
            binds.add(caBundle + ":" + CA_IN_CONTAINER + ":ro");
            binds.add(trustStore + ":" + TRUSTSTORE_IN_CONTAINER + ":ro");
        }
        return binds;
    }

    /** ENV_DIR: one file per config var, as the buildpack API has it. */
    private static void writeEnvDir(Path envDir, Map<String, String> configVars) throws IOException {
        Files.createDirectories(envDir);
        for (var e : configVars.entrySet()) {
            if (e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                Files.writeString(envDir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
