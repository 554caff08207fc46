package dev.paas.builder.buildpack;

import dev.paas.builder.build.BuildFailure;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.docker.DockerEngine;
import dev.paas.builder.docker.RunOutcome;
import dev.paas.builder.docker.RunSpec;
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

/**
 * Compiles an app in a throwaway container of the build image (never on the host), following the Heroku
 * buildpack API. The source is mounted at /app (so paths baked in at build time hold at run time), the app's
 * cache at /cache, its config vars as ENV_DIR at /env, and the builder's CA bundle and proxy settings are
 * handed in.
 */
public final class BuildpackRun {
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

    public BuildpackRun(DockerEngine docker, String buildImage, Path buildpacks, Path caBundle, Path dataDir,
                        Map<String, String> proxyEnv, int memoryMb, Duration timeout) {
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
    }

    /** What the buildpack said: its name and the default process types from bin/release. */
    public record Compiled(String buildpack, String releaseYaml) {
    }

    /**
     * Compiles {@code appDir} in place. {@code scratch} holds ENV_DIR and the driver's answers; {@code cacheDir}
     * persists between builds of the app.
     */
    public Compiled compile(String buildId, Path appDir, Path cacheDir, Path scratch, Map<String, String> configVars,
                            String commit, BuildLog log, dev.paas.builder.build.Cancellation cancel) {
        if (!docker.hasImage(buildImage)) {
            throw new BuildFailure("The build image " + buildImage + " is missing from the engine; an operator "
                    + "builds it with bin/lib.sh ensure_build_image.");
        }
        Path envDir = scratch.resolve("env");
        Path outDir = scratch.resolve("out");
        try {
            Files.createDirectories(envDir);
            Files.createDirectories(outDir);
            Files.createDirectories(cacheDir);
            for (var e : configVars.entrySet()) {
                if (e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    Files.writeString(envDir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build directories", e);
        }
        var binds = new ArrayList<>(List.of(appDir + ":/app", cacheDir + ":/cache", envDir + ":/env:ro",
                outDir + ":/out", buildpacks + ":/buildpacks:ro"));
        var env = new LinkedHashMap<>(proxyEnv);
        env.put("STACK", "paas-bookworm");
        env.put("SOURCE_VERSION", commit);
        env.put("LANG", "C.UTF-8");
        if (caBundle != null) {
            binds.add(caBundle + ":" + CA_IN_CONTAINER + ":ro");
            binds.add(trustStore + ":" + TRUSTSTORE_IN_CONTAINER + ":ro");
            for (String name : List.of("SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE", "PIP_CERT",
                    "CURL_CA_BUNDLE", "GIT_SSL_CAINFO", "npm_config_cafile")) {
                env.put(name, CA_IN_CONTAINER);
            }
            env.put("PAAS_JAVA_TRUSTSTORE", TRUSTSTORE_IN_CONTAINER);
        }
        String buildpackUrl = configVars.get("BUILDPACK_URL");
        if (buildpackUrl != null && !buildpackUrl.isBlank()) {
            env.put("BUILDPACK_URL", buildpackUrl.strip());
            Path local = buildpackUrl.startsWith("/") ? Path.of(buildpackUrl.strip()) : null;
            if (local != null) {
                if (!Files.isDirectory(local)) {
                    throw new BuildFailure("BUILDPACK_URL names a directory that does not exist on the builder: "
                            + buildpackUrl);
                }
                binds.add(local + ":/custom-buildpack:ro");
            }
        }
        RunOutcome outcome;
        try {
            outcome = docker.run(new RunSpec(buildId, buildImage, List.of("/buildpacks/paas-build"), env, binds,
                    "0", "/app", memoryMb, timeout), log::line, cancel);
        } catch (com.github.dockerjava.api.exception.DockerException e) {
            throw new BuildFailure("The build container could not run in the engine (" + e.getMessage().strip()
                    + "); the builder is fine: push again, or ask an operator to check the build image " + buildImage
                    + ".", e);
        }
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

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
