package dev.paas.builder;

import dev.paas.builder.registry.RegistryAccess;
import dev.paas.common.env.Env;
import dev.paas.common.registry.Registry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builder's settings, from the environment only.
 *
 * @param apiUrl       {@code PAAS_API_URL}: the control plane; pushes are checked and recorded with the pusher's token
 * @param apiKey       {@code PAAS_API_KEY}: required admin (service) token: the builder alone records builds, their images
 *                     and their releases, on behalf of the pusher it authenticated; it also fails builds a killed
 *                     builder left pending and lists apps to remove destroyed apps' repositories and images
 * @param bind         {@code PAAS_BUILDER_BIND}: the address to listen on; loopback by default, out of containers' reach
 * @param port         {@code PAAS_BUILDER_PORT}: where git pushes arrive (smart HTTP); match the API's {@code PAAS_GIT_URL}
 * @param dataDir      {@code PAAS_BUILDER_DATA_DIR}: apps' repositories, build caches and the pending-build journal
 * @param stackImage   {@code PAAS_STACK_IMAGE}: the run image app images are built on
 * @param buildImage   {@code PAAS_BUILD_IMAGE}: the image buildpacks run in
 * @param dockerHost   {@code DOCKER_HOST}: the engine; it must share the data dir's file system (bind mounts)
 * @param caBundle     {@code PAAS_BUILD_CA_BUNDLE}: PEM certificates handed to builds, default the host's bundle; "none" hands none
 * @param buildEnv     proxy settings ({@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code NO_PROXY}, either case) passed to builds
 * @param timeout      {@code PAAS_BUILD_TIMEOUT_SECONDS}: a build running longer is stopped and fails
 * @param memoryMb     {@code PAAS_BUILD_MEMORY_MB}: memory limit of a build container
 * @param maxPushBytes {@code PAAS_MAX_PUSH_BYTES}: larger packs are refused
 * @param concurrency  {@code PAAS_BUILD_CONCURRENCY}: builds running at once; more wait their turn
 * @param registry     {@code PAAS_REGISTRY} (host:port), {@code PAAS_REGISTRY_USERNAME}, {@code PAAS_REGISTRY_PASSWORD}:
 *                     the registry every built image is pushed to, recorded by digest; null keeps images in the
 *                     local engine only (one host)
 * @param baseImages   {@code PAAS_BUILD_BASE_IMAGES}: comma-separated images a Dockerfile may build FROM (or COPY --from);
 *                     default the stack and build images
 * @param perUser      {@code PAAS_BUILD_CONCURRENCY_PER_USER}: builds one user may run at once; default half the slots
 * @param sweepEvery   {@code PAAS_BUILDER_SWEEP_SECONDS}: how often destroyed apps' repositories and images are removed
 * @param bootWait     {@code PAAS_BOOT_WAIT_SECONDS}: how long a push waits, after releasing, for a web process of the
 *                     new release to be up and routable; default the agent's 60 s boot timeout plus a margin; 0 does
 *                     not wait
 * @param registryAccess how the builder itself talks to the registry to delete images no release needs any more
 * @param retainReleases {@code PAAS_IMAGE_RETAIN_RELEASES}: the images of an app's last this many releases stay in
 *                     the registry (they can be rolled back to); older ones, and a destroyed app's, are deleted
 * @param warmContainer  {@code PAAS_BUILD_WARM_CONTAINER}: keep one build container started ahead of the next build
 *                     (empty and waiting, until a build takes it), so that a push does not wait for the engine to
 *                     start one; default true; false starts each build's container when the build needs it
 */
public record BuilderConfig(URI apiUrl, String apiKey, String bind, int port, Path dataDir, String stackImage, String buildImage,
                            String dockerHost, Path caBundle, Map<String, String> buildEnv, Duration timeout,
                            int memoryMb, long maxPushBytes, int concurrency, Registry registry,
                            List<String> baseImages, int perUser, Duration sweepEvery, Duration bootWait,
                            RegistryAccess registryAccess, int retainReleases, boolean warmContainer) {
    private static final List<String> PROXY_VARS = List.of("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy",
            "https_proxy", "no_proxy");

    public static BuilderConfig fromEnv(Map<String, String> vars) {
        var env = new Env(vars);
        URI api = env.url("PAAS_API_URL", "http://127.0.0.1:5000");
        String ca = env.string("PAAS_BUILD_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt");
        Path caBundle = ca.equals("none") ? null : Path.of(ca);
        if (caBundle != null && !caBundle.toFile().isFile()) {
            throw Env.bad("PAAS_BUILD_CA_BUNDLE", "a PEM file of certificates (or \"none\" to hand none)", ca);
        }
        var proxies = new LinkedHashMap<String, String>();
        PROXY_VARS.forEach(name -> env.optional(name).ifPresent(value -> proxies.put(name, value)));
        String key = env.required("PAAS_API_KEY", "give an admin token: the builder records builds and releases "
                + "with it (bin/platform passes .run/admin-token; create one with "
                + "`platform-api create-user builder@HOST --admin`)");
        var registry = Registry.fromEnv(env);
        String stack = env.string("PAAS_STACK_IMAGE", "paas/stack:bookworm");
        String build = env.string("PAAS_BUILD_IMAGE", "paas/build:bookworm");
        List<String> baseImages = env.optional("PAAS_BUILD_BASE_IMAGES")
                .map(bases -> Arrays.stream(bases.split(",")).map(String::strip).filter(b -> !b.isEmpty()).toList())
                .orElse(List.of(stack, build));
        int concurrency = env.integer("PAAS_BUILD_CONCURRENCY", 2, 1, Integer.MAX_VALUE);
        int perUser = env.integer("PAAS_BUILD_CONCURRENCY_PER_USER", Math.max(1, concurrency / 2), 1,
                Integer.MAX_VALUE);
        if (perUser > concurrency) {
            throw new IllegalArgumentException("PAAS_BUILD_CONCURRENCY_PER_USER (" + perUser + ") must not exceed "
                    + "PAAS_BUILD_CONCURRENCY (" + concurrency + ")");
        }
        return new BuilderConfig(api, key, env.string("PAAS_BUILDER_BIND", "127.0.0.1"),
                env.port("PAAS_BUILDER_PORT", 5001),
                Path.of(env.string("PAAS_BUILDER_DATA_DIR", "/var/lib/paas/builder")).toAbsolutePath(),
                stack, build,
                env.string("DOCKER_HOST", "unix:///var/run/docker.sock"),
                caBundle, Map.copyOf(proxies),
                env.seconds("PAAS_BUILD_TIMEOUT_SECONDS", 900, 1),
                env.integer("PAAS_BUILD_MEMORY_MB", 2048, 64, Integer.MAX_VALUE),
                env.longInteger("PAAS_MAX_PUSH_BYTES", 200L * 1024 * 1024, 1, Long.MAX_VALUE),
                concurrency,
                registry.orElse(null), baseImages, perUser,
                env.seconds("PAAS_BUILDER_SWEEP_SECONDS", 300, 1),
                env.seconds("PAAS_BOOT_WAIT_SECONDS", 90, 0),
                registry.map(r -> RegistryAccess.fromEnv(env, r)).orElse(null),
                env.integer("PAAS_IMAGE_RETAIN_RELEASES", 10, 1, 1000),
                env.bool("PAAS_BUILD_WARM_CONTAINER", true));
    }

    public Path repoDir() {
        return dataDir.resolve("repos");
    }

    public Path cacheDir() {
        return dataDir.resolve("cache");
    }

    public Path workDir() {
        return dataDir.resolve("work");
    }

    public Path pendingDir() {
        return dataDir.resolve("pending");
    }
}
