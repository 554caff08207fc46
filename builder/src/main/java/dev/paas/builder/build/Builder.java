package dev.paas.builder.build;

import dev.paas.builder.buildpack.BuildpackRun;
import dev.paas.builder.docker.DockerEngine;
import dev.paas.builder.git.SourceTree;
import dev.paas.builder.image.AppImage;
import dev.paas.client.ApiException;
import dev.paas.client.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a pushed commit into an image and a release: records a pending build, compiles with the app's
 * Dockerfile or a buildpack, builds the image, records the outcome and deploys it. On any failure the build is
 * marked failed with its output and nothing else changes.
 */
public final class Builder {
    private static final Logger LOG = LoggerFactory.getLogger(Builder.class);
    private final BuildpackRun buildpacks;
    private final AppImage images;
    private final DockerEngine docker;
    private final BuildSlots slots;
    private final PendingJournal journal;
    private final Path workDir;
    private final Path cacheDir;
    private final String registry;

    public Builder(BuildpackRun buildpacks, AppImage images, DockerEngine docker, BuildSlots slots,
                   PendingJournal journal, Path workDir, Path cacheDir, String registry) {
        this.buildpacks = buildpacks;
        this.images = images;
        this.docker = docker;
        this.slots = slots;
        this.journal = journal;
        this.workDir = workDir;
        this.cacheDir = cacheDir;
        this.registry = registry;
    }

    public Released build(Push push, BuildLog log) {
        String app = push.app().name();
        String sha = push.commit().name();
        long started = System.nanoTime();
        Wire.Build build;
        try {
            build = push.client().createBuild(app, new Wire.BuildCreate(sha, null));
        } catch (ApiException | UncheckedIOException e) {
            log.line(" !     Could not record the build with the platform API: " + e.getMessage());
            throw new BuildFailure("Could not record the build: " + e.getMessage(), e);
        }
        String id = build.id().toString();
        journal.started(app, build.id());
        LOG.info("at=info msg=\"build started\" app={} build={} commit={}", app, id, sha);
        Path scratch = workDir.resolve(id);
        String buildpack = null;
        try {
            slots.acquire(log);
            try {
                Path source = scratch.resolve("app");
                if (SourceTree.export(push.repository(), push.commit(), source) == 0) {
                    throw new BuildFailure("The pushed commit has no files: commit your app and push again.");
                }
                String image;
                Map<String, String> types;
                if (Files.isRegularFile(source.resolve("Dockerfile"))) {
                    buildpack = "Dockerfile";
                    log.step("Dockerfile app detected");
                    image = images.fromDockerfile(app, id, source, scratch, log);
                    types = processTypes(source, Map.of(), image);
                } else {
                    var config = push.client().configVars(app);
                    var compiled = buildpacks.compile(id, source, cacheDir.resolve(push.app().id().toString()), scratch, config, sha, log);
                    buildpack = compiled.buildpack().isBlank() ? null : compiled.buildpack();
                    types = processTypes(source, ReleaseYaml.defaultProcessTypes(compiled.releaseYaml()), null);
                    image = images.fromSlug(app, id, source, scratch, log);
                }
                log.step("Process types: " + (types.isEmpty() ? "(none: add a Procfile)"
                        : types.keySet().stream().collect(Collectors.joining(", "))));
                image = pushToRegistry(image, log);
                var seconds = (System.nanoTime() - started) / 1_000_000_000.0;
                log.step(String.format("Build succeeded in %.1f s", seconds));
                push.client().updateBuild(app, id, new Wire.BuildUpdate("succeeded", image, buildpack, types,
                        log.text()));
                journal.finished(build.id());
                var release = push.client().deploy(app, build.id(), "Deploy " + sha.substring(0, 7));
                log.step("Released v" + release.version());
                log.detail(push.app().webUrl() + " deployed");
                LOG.info("at=info msg=\"build released\" app={} build={} release=v{} image={} seconds={}", app, id,
                        release.version(), image, String.format("%.1f", seconds));
                return new Released(build.id(), release.version(), image, push.app().webUrl());
            } finally {
                slots.release();
            }
        } catch (BuildFailure e) {
            fail(push, id, buildpack, log, e.getMessage());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(push, id, buildpack, log, "The builder is stopping; push again.");
            throw new BuildFailure("The builder is stopping; push again.", e);
        } catch (IOException | RuntimeException e) {
            LOG.warn("at=warn msg=\"build failed on an internal error\" app={} build={}", app, id, e);
            fail(push, id, buildpack, log, "Internal builder error: " + e.getMessage());
            throw new BuildFailure("Internal builder error: " + e.getMessage(), e);
        } finally {
            deleteTree(scratch);
        }
    }

    private void fail(Push push, String id, String buildpack, BuildLog log, String reason) {
        log.line(" !     " + reason);
        log.line(" !     Push rejected: build failed.");
        try {
            push.client().updateBuild(push.app().name(), id, new Wire.BuildUpdate("failed", null, buildpack, null,
                    log.text()));
        } catch (ApiException e) {
            // 409 when it had been recorded as succeeded and the release failed: the build itself stands
            LOG.info("at=info msg=\"build outcome not recorded\" app={} build={} status={}", push.app().name(), id,
                    e.status());
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
        if (image != null && !types.containsKey("web")) {
            List<String> command = docker.defaultCommand(image);
            if (!command.isEmpty()) {
                types.put("web", "exec " + command.stream().map(Builder::shellQuote).collect(Collectors.joining(" ")));
            }
        }
        return types;
    }

    private String pushToRegistry(String image, BuildLog log) throws InterruptedException {
        if (registry == null) {
            return image;
        }
        String repository = registry.replaceAll("/+$", "") + "/" + image.substring(0, image.indexOf(':'));
        String tag = image.substring(image.indexOf(':') + 1);
        log.step("Pushing image to " + repository + ":" + tag);
        docker.tag(image, repository, tag);
        try {
            docker.push(repository, tag, log::detail);
        } catch (RuntimeException e) {
            throw new BuildFailure("Could not push the image to " + registry + ": " + e.getMessage(), e);
        }
        return repository + ":" + tag;
    }

    static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("at=warn msg=\"cannot remove build directory\" dir={}", dir, e);
        }
    }
}
