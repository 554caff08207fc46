package dev.paas.builder.build;

import dev.paas.client.ProcessTypes;
import dev.paas.builder.appjson.AppJson;
import dev.paas.builder.appjson.AppSetup;
import dev.paas.builder.health.AppJsonHealthchecks;
import dev.paas.builder.buildpack.BuildpackRun;
import dev.paas.builder.docker.DockerEngine;
import dev.paas.builder.fs.FileTrees;
import dev.paas.builder.git.SourceTree;
import dev.paas.builder.image.AppImage;
import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.ReleaseStatus;
import dev.paas.client.Wire;
import dev.paas.common.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a pushed commit into an image and a release: records a pending build, compiles with the app's
 * Dockerfile or a buildpack, builds the image, records the outcome and deploys it. On any failure the build is
 * marked failed with its output and nothing else changes.
 */
public final class Builder {
    private static final Logger LOG = LoggerFactory.getLogger(Builder.class);
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    private final BuildpackRun buildpacks;
    private final AppImage images;
    private final DockerEngine docker;
    private final BuildSlots slots;
    private final PendingJournal journal;
    private final PlatformClient service;
    private final ScheduledExecutorService timer;
    private final Path workDir;
    private final Path cacheDir;
    private final Registry registry;
    private final BootWatch boot;
    private final AppSetup setup;
    private final ReleasePhaseWatch releasePhase;

    /** {@code service} is the builder's own admin token: only it records builds, their images and their releases. */
    public Builder(BuildpackRun buildpacks, AppImage images, DockerEngine docker, BuildSlots slots,
                   PendingJournal journal, PlatformClient service, ScheduledExecutorService timer, Path workDir,
                   Path cacheDir, Registry registry, BootWatch boot, AppSetup setup) {
        this.buildpacks = buildpacks;
        this.images = images;
        this.docker = docker;
        this.slots = slots;
        this.journal = journal;
        this.service = service;
        this.timer = timer;
        this.workDir = workDir;
        this.cacheDir = cacheDir;
        this.registry = registry;
        this.boot = boot;
        this.setup = setup;
        this.releasePhase = new ReleasePhaseWatch(service);
    }

    /**
     * Builds and releases the push, then waits (without holding a build slot) for its release phase, if any, and
     * for the release's web process to take requests, telling the pusher how that went. A release whose phase
     * fails, or that does not boot, fails: the push fails with a {@link ReleaseFailure} and the app keeps its
     * previous release.
     */
    public Released build(Push push, BuildLog log) {
        try {
            var outcome = buildAndRelease(push, log);
            try {
                var release = releasePhase.await(push, outcome.release(), log);
                if (ReleaseStatus.of(release.status()) == ReleaseStatus.SUCCEEDED) {
                    boot.await(push, release, log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return outcome.released();
        } finally {
            // The next build's container starts once this push is served: its start would slow this one's deploy.
            buildpacks.replenish();
        }
    }

    private record Outcome(Released released, Wire.Release release) {
    }

    private Outcome buildAndRelease(Push push, BuildLog log) {
        String app = push.app().name();
        String sha = push.commit().name();
        Cancellation cancel = push.cancel();
        long started = System.nanoTime();
        Wire.Build build;
        try {
            cancel.check();
            build = service.createBuild(app, new Wire.BuildCreate(sha, null, push.pusher().id()));
        } catch (ApiException | UncheckedIOException e) {
            log.line(" !     Could not record the build with the platform API: " + e.getMessage());
            throw new BuildFailure("Could not record the build: " + e.getMessage(), e);
        }
        String id = build.id().toString();
        journal.started(app, build.id());
        LOG.info("at=info msg=\"build started\" app={} build={} commit={} user={}", app, id, sha,
                push.pusher().email());
        Path scratch = workDir.resolve(id);
        String buildpack = null;
        ScheduledFuture<?> watch = timer.scheduleWithFixedDelay(() -> watch(app, id, cancel), WATCH_EVERY.toMillis(),
                WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try {
            try (var slot = slots.acquire(push.pusher().email(), log, cancel)) {
                cancel.check();
                Path source = scratch.resolve("app");
                if (SourceTree.export(push.repository(), push.commit(), source) == 0) {
                    throw new BuildFailure("The pushed commit has no files: commit your app and push again.");
                }
                // Checked before building, so a bad app.json or a missing required config var changes nothing.
                AppJson appJson = setup.plan(push, source, log);
                var checks = healthchecks(source);
                var target = new AppImage.Target(app, push.app().id(), id, cancel);
                String image;
                Map<String, String> types;
                if (Files.exists(source.resolve("Dockerfile"), LinkOption.NOFOLLOW_LINKS)) {
                    buildpack = "Dockerfile";
                    log.step("Dockerfile app detected");
                    image = images.fromDockerfile(target, source, scratch, log);
                    types = processTypes(source, Map.of(), image);
                } else {
                    var config = push.client().configVars(app);
                    var compiled = buildpacks.compile(id, source, cacheDir.resolve(push.app().id().toString()),
                            scratch, config, sha, log, cancel);
                    buildpack = compiled.buildpack().isBlank() ? null : compiled.buildpack();
                    types = processTypes(source, ReleaseYaml.defaultProcessTypes(compiled.releaseYaml()), null);
                    cancel.check();
                    image = images.fromSlug(target, source, scratch, log);
                }
                cancel.check();
                AppJsonHealthchecks.requireTypes(checks, types.keySet());
                log.step("Process types: " + (types.isEmpty() ? "(none: add a Procfile)"
                        : types.keySet().stream().collect(Collectors.joining(", "))));
                if (!checks.isEmpty()) {
                    log.step("Health checks: " + checks.entrySet().stream()
                            .map(e -> e.getKey() + " (" + e.getValue().size() + ")").collect(Collectors.joining(", ")));
                }
                image = pushToRegistry(image, AppImage.tag(app, id), log);
                cancel.check();
                var formation = setup.apply(appJson, push, types, log);
                var seconds = (System.nanoTime() - started) / 1_000_000_000.0;
                // From here the build's state is ours to set: a cancel now shows as a 409 on the update.
                watch.cancel(false);
                cancel.check();
                log.step(String.format("Build succeeded in %.1f s", seconds));
                try {
                    service.updateBuild(app, id, new Wire.BuildUpdate("succeeded", image, buildpack, types,
                            log.text(), checks));
                } catch (ApiException e) {
                    if (e.status() == 409) {
                        throw new BuildFailure(CANCELED);
                    }
                    throw e;
                }
                journal.finished(build.id());
                var release = service.deploy(app, build.id(), "Deploy " + sha.substring(0, 7), formation);
                log.step("Released v" + release.version());
                LOG.info("at=info msg=\"build released\" app={} build={} release=v{} image={} seconds={}", app, id,
                        release.version(), image, String.format("%.1f", seconds));
                return new Outcome(new Released(build.id(), release.version(), image, push.app().webUrl()), release);
            }
        } catch (BuildFailure e) {
            String reason = cancel.canceled() ? cancel.reason() : e.getMessage();
            fail(push, id, buildpack, log, reason);
            throw cancel.canceled() ? new BuildFailure(reason, e) : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(push, id, buildpack, log, "The builder is stopping; push again.");
            throw new BuildFailure("The builder is stopping; push again.", e);
        } catch (IOException | RuntimeException e) {
            if (cancel.canceled()) {
                fail(push, id, buildpack, log, cancel.reason());
                throw new BuildFailure(cancel.reason(), e);
            }
            LOG.warn("at=warn msg=\"build failed on an internal error\" app={} build={}", app, id, e);
            fail(push, id, buildpack, log, "Internal builder error: " + e.getMessage());
            throw new BuildFailure("Internal builder error: " + e.getMessage(), e);
        } finally {
            watch.cancel(false);
            deleteTree(scratch);
        }
    }

    static final String CANCELED = "The build was canceled (paas builds:cancel); nothing was released.";

    /** Stops the build once the API no longer has it pending: canceled by its user, or its app destroyed. */
    private void watch(String app, String id, Cancellation cancel) {
        try {
            var build = service.build(app, id);
            if (!"pending".equals(build.status())) {
                cancel.cancel(CANCELED);
            }
        } catch (ApiException e) {
            if (e.status() == 404) {
                cancel.cancel("The app was destroyed during the build; nothing was released.");
            }
        } catch (RuntimeException unreachable) {
            // the API is briefly away: look again next time
        }
    }

    private void fail(Push push, String id, String buildpack, BuildLog log, String reason) {
        log.line(" !     " + reason);
        log.line(" !     Push rejected: build failed.");
        try {
            service.updateBuild(push.app().name(), id, new Wire.BuildUpdate("failed", null, buildpack, null,
                    log.text()));
        } catch (ApiException e) {
            // 409 when it was canceled, or recorded as succeeded and the release failed: the build itself stands
            LOG.info("at=info msg=\"build outcome not recorded\" app={} build={} status={}", push.app().name(), id,
                    e.status());
        } catch (RuntimeException e) {
            LOG.warn("at=warn msg=\"build outcome not recorded\" app={} build={}", push.app().name(), id, e);
        }
        journal.finished(java.util.UUID.fromString(id));
        LOG.info("at=info msg=\"build failed\" app={} build={} reason=\"{}\"", push.app().name(), id,
                reason.replace("\"", "'"));
    }

    /** The Procfile wins; else the buildpack's defaults; else, for Dockerfile images, the image's own command. */
    private Map<String, String> processTypes(Path source, Map<String, String> defaults, String image)
            throws IOException {
        Path procfile = source.resolve("Procfile");
        var types = new LinkedHashMap<String, String>();
        if (Files.isRegularFile(procfile)) {
            types.putAll(Procfile.parse(Files.readString(procfile, StandardCharsets.UTF_8)));
        }
        defaults.forEach(types::putIfAbsent);
        if (image != null && !types.containsKey(ProcessTypes.WEB)) {
            List<String> command = docker.defaultCommand(image);
            if (!command.isEmpty()) {
                types.put(ProcessTypes.WEB, "exec " + command.stream().map(Builder::shellQuote).collect(Collectors.joining(" ")));
            }
        }
        return types;
    }

    /** app.json's health checks, when the source has one at its root (a symlink is not followed). */
    private static Map<String, List<Wire.HealthCheck>> healthchecks(Path source) throws IOException {
        Path file = source.resolve(AppJsonHealthchecks.FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Map.of();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 1_000_000) {
            throw new BuildFailure(AppJsonHealthchecks.FILE + " must be a regular file of at most 1 MB.");
        }
        return AppJsonHealthchecks.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * The image as agents will run it: with a registry, its pushed digest ({@code ADDRESS/paas-app/APP@sha256:...}),
     * the same bytes on every host; without one, its local id (one engine runs everything).
     */
    private String pushToRegistry(String imageId, String localTag, BuildLog log) throws InterruptedException {
        if (registry == null) {
            return imageId;
        }
        String repository = registry.repository(localTag.substring(0, localTag.indexOf(':')));
        String tag = localTag.substring(localTag.indexOf(':') + 1);
        log.step("Pushing image to " + repository + ":" + tag);
        docker.tag(imageId, repository, tag);
        try {
            docker.push(repository, tag, registry, PUSH_TIMEOUT, log::detail);
        } catch (RuntimeException e) {
            throw new BuildFailure("Could not push the image to the registry " + registry.address() + ": "
                    + e.getMessage(), e);
        }
        // The digest reference stays in this engine: an agent on this host finds the image without pulling it.
        return docker.repoDigests(imageId).stream().filter(d -> d.startsWith(repository + "@")).findFirst()
                .orElseThrow(() -> new BuildFailure("The registry gave no digest for " + repository + ":" + tag));
    }

    /** A push uploads the layers the registry lacks: the stack's half a gigabyte at most, once. */
    private static final Duration PUSH_TIMEOUT = Duration.ofMinutes(15);

    static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (UncheckedIOException e) {
            LOG.warn("at=warn msg=\"cannot remove build directory\" dir={}", dir, e);
        }
    }
}
