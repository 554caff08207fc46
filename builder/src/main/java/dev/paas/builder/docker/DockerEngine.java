package dev.paas.builder.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import dev.paas.builder.build.Cancellation;
import dev.paas.common.docker.AgentLabel;
import dev.paas.common.docker.DockerClients;
import dev.paas.common.docker.Hardening;

/** The Docker engine as the builder uses it: throwaway build containers, image builds, tags and pushes. */
public final class DockerEngine implements AutoCloseable {
    public static final String BUILD_LABEL = "dev.paas.builder.build";
    /**
     * Whose build containers and images these are: the builder's data dir, one per builder on a host. An engine may
     * serve other builders (another platform, a test run): what is cleaned up here is only ever our own.
     */
    public static final String OWNER_LABEL = "dev.paas.builder.owner";
    /** A build runs compilers and package managers: generous, but a fork bomb still stops here. */
    private static final long BUILD_PIDS = 4096;
    private final DockerClient docker;
    private final String owner;

    public DockerEngine(String dockerHost, Duration longestCall, String owner) {
        this.owner = owner;
        this.docker = DockerClients.connect(dockerHost, longestCall);
    }

    public boolean hasImage(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The image's entrypoint and command, joined, as the one command line the image runs by default. */
    public List<String> defaultCommand(String image) {
        var config = docker.inspectImageCmd(image).exec().getConfig();
        var words = new java.util.ArrayList<String>();
        if (config != null && config.getEntrypoint() != null) {
            words.addAll(List.of(config.getEntrypoint()));
        }
        if (config != null && config.getCmd() != null) {
            words.addAll(List.of(config.getCmd()));
        }
        return words;
    }

    /**
     * Runs a container to its end, streaming its output line by line. Returns its outcome; a container still running
     * at the deadline is killed. The container is removed either way.
     */
    public RunOutcome run(RunSpec spec, Consumer<String> lines, Cancellation cancel) {
        String id = create(spec);
        try {
            return attend(id, true, spec.timeout(), lines, cancel);
        } finally {
            removeQuietly(id);
        }
    }

    /**
     * Starts a container of {@code spec} and leaves it running, for {@link #attend} to follow later: a build container
     * started ahead of its build, that waits to be told to go. Removed again when it cannot start.
     */
    public String startIdle(RunSpec spec) {
        String id = create(spec);
        try {
            docker.startContainerCmd(id).exec();
            return id;
        } catch (RuntimeException e) {
            removeQuietly(id);
            throw e;
        }
    }

    /**
     * Follows container {@code id} to its end (starting it first when {@code start}), streaming its output from its
     * first line. Returns its outcome; a container still running {@code timeout} from now is killed. The caller
     * removes the container (off its critical path, if it likes: nothing runs in it any more).
     */
    public RunOutcome attend(String id, boolean start, Duration timeout, Consumer<String> lines, Cancellation cancel) {
        var splitter = new LineSplitter(lines);
        try (var stop = cancel.onCancel(() -> killQuietly(id))) {
            if (start) {
                docker.startContainerCmd(id).exec();
            }
            var follow = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            splitter.accept(frame.getPayload());
                        }
                    });
            Integer code;
            try {
                code = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                        .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (DockerClientException timedOut) {
                docker.killContainerCmd(id).exec();
                awaitQuietly(follow);
                splitter.flush();
                return new RunOutcome(null, true, false);
            }
            awaitQuietly(follow);
            splitter.flush();
            boolean oom = Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getOOMKilled());
            return new RunOutcome(code, false, oom);
        }
    }

    private String create(RunSpec spec) {
        // root only long enough to hand the mounts to uid 1000 and switch to it (paas-build): Hardening.build
        var host = HostConfig.newHostConfig().withBinds(spec.binds().stream().map(Bind::parse).toList());
        var create = docker.createContainerCmd(spec.image())
                .withCmd(spec.command())
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withWorkingDir(spec.workDir())
                .withLabels(Map.of(BUILD_LABEL, spec.buildId(), OWNER_LABEL, owner));
        return Hardening.build(spec.user(), spec.memoryMb(), BUILD_PIDS).applyTo(create, host).exec().getId();
    }

    /**
     * Whether container {@code id} exists and runs; false too when the engine cannot say (a caller that then starts a
     * container of its own meets the engine's error there, with its message).
     */
    public boolean isRunning(String id) {
        try {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
        } catch (RuntimeException goneOrEngineDown) {
            return false;
        }
    }

    /** Removes a container, running or not; one already gone, or an engine that refuses, is no error here. */
    public void removeQuietly(String id) {
        try {
            removeContainer(id);
        } catch (RuntimeException e) {
            // the builder's start-up removes whatever it leaves (removeLeftoverContainers)
        }
    }

    /**
     * Builds an image from a tar context (with its Dockerfile at the root), streaming the engine's output, and tags
     * it. Fails with the engine's error message, e.g. a base image that cannot be pulled.
     */
    public String build(InputStream context, String tag, Map<String, String> labels, Map<String, String> buildArgs,
                        int memoryMb, Consumer<String> lines, Cancellation cancel) {
        var splitter = new LineSplitter(lines);
        // docker-java posts to /build without version=2: the engine's legacy builder, not BuildKit. The builder's
        // Dockerfile policy relies on that (no frontends, no RUN --mount from other images).
        var cmd = docker.buildImageCmd(context).withTags(Set.of(tag)).withPull(false).withRemove(true)
                .withForcerm(true).withMemory(memoryMb * 1024L * 1024L).withLabels(owned(labels));
        buildArgs.forEach(cmd::withBuildArg);
        var callback = cmd.exec(new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null) {
                    splitter.accept(item.getStream().getBytes(StandardCharsets.UTF_8));
                }
                super.onNext(item);
            }
        });
        // Closing the stream makes the engine cancel the build (it follows the request's context).
        try (var stop = cancel.onCancel(() -> closeQuietly(callback))) {
            callback.awaitImageId();
            return inspect(tag).getId();
        } finally {
            splitter.flush();
        }
    }

    /**
     * An image of {@code base} plus one layer of {@code files} (a tar, extracted at / with the owners, modes and
     * links its entries give) and {@code config}, tagged {@code repository:tag}: what a Dockerfile of COPY and
     * metadata lines makes, without a build step per line (each one a container and a commit). The container it
     * is made in is never started. Returns the image id.
     */
    public String commit(String base, InputStream files, ImageConfig config, String repository, String tag) {
        String id = docker.createContainerCmd(base).withUser(config.user()).withWorkingDir(config.workDir())
                .withEnv(config.env()).withEntrypoint(config.entrypoint()).withLabels(owned(config.labels()))
                .exec().getId();
        try {
            docker.copyArchiveToContainerCmd(id).withRemotePath("/").withTarInputStream(files).exec();
            return docker.commitCmd(id).withRepository(repository).withTag(tag).withPause(false).exec();
        } finally {
            removeContainer(id);
        }
    }

    /**
     * The image {@link #commit} makes, made in one call of the engine rather than three (create, copy, commit): an
     * image archive of {@code base}'s layers, which the engine has, and {@code layer} (an uncompressed tar whose
     * sha256 is {@code layerDiffId}), loaded as {@code docker load} does; {@code scratch} holds the archive meanwhile.
     * Returns the image id, or nothing when the engine refused the archive (an engine that wants every layer in
     * it: commit then).
     */
    public Optional<String> load(String base, Path layer, String layerDiffId, ImageConfig config,
                                 String repository, String tag, Path scratch) {
        var image = inspect(base);
        var baseConfig = image.getConfig();
        var facts = new ImageArchive.Base(image.getOs(), image.getArch(), image.getRootFS().getLayers(),
                baseConfig == null || baseConfig.getEnv() == null ? List.of() : List.of(baseConfig.getEnv()),
                baseConfig == null || baseConfig.getLabels() == null ? Map.of() : baseConfig.getLabels());
        var ours = new ImageConfig(config.user(), config.workDir(), config.env(), config.entrypoint(),
                owned(config.labels()));
        Path archive = scratch.resolve("image.tar");
        String id;
        try (var out = Files.newOutputStream(archive)) {
            id = ImageArchive.write(out, facts, ours, layer, layerDiffId, repository + ":" + tag,
                    Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image archive", e);
        }
        try (InputStream in = Files.newInputStream(archive)) {
            docker.loadImageCmd(in).exec();
        } catch (DockerException refused) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // An engine that took the archive yet made another image of it (or none) is one to commit with.
        return imageId(repository + ":" + tag).filter(id::equals);
    }

    private com.github.dockerjava.api.command.InspectImageResponse inspect(String image) {
        return docker.inspectImageCmd(image).exec();
    }

    /** The image's digests in registries it was pushed to ({@code repo@sha256:...}). */
    public List<String> repoDigests(String image) {
        var digests = inspect(image).getRepoDigests();
        return digests == null ? List.of() : digests;
    }

    /** Images this builder made, labelled with their app's id: image id to app id. */
    public Map<String, String> appImages(String appLabel) {
        var images = new java.util.LinkedHashMap<String, String>();
        for (var image : docker.listImagesCmd().withShowAll(true)
                .withLabelFilter(Map.of(OWNER_LABEL, owner)).exec()) {
            String app = image.getLabels() == null ? null : image.getLabels().get(appLabel);
            if (app != null) {
                images.put(image.getId(), app);
            }
        }
        return images;
    }

    /** Removes an image and its tags; false when it is still in use (a container of it), to try again later. */
    public boolean removeImage(String id) {
        try {
            docker.removeImageCmd(id).withForce(true).withNoPrune(false).exec();
            return true;
        } catch (NotFoundException gone) {
            return true;
        } catch (com.github.dockerjava.api.exception.ConflictException inUse) {
            return false;
        }
    }

    private void killQuietly(String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (RuntimeException notRunning) {
            // stopped already, or never started: the wait returns either way
        }
    }

    private static void closeQuietly(java.io.Closeable callback) {
        try {
            callback.close();
        } catch (java.io.IOException | RuntimeException e) {
            // the build ends either way
        }
    }

    public void tag(String image, String repository, String tag) {
        docker.tagImageCmd(image, repository, tag).withForce(true).exec();
    }

    /**
     * Pushes with the registry's credentials (the engine trusts its certificate through certs.d); fails on the
     * engine's or the registry's error, and when the push takes longer than {@code timeout}.
     */
    public void push(String repository, String tag, dev.paas.common.registry.Registry registry, Duration timeout,
                     Consumer<String> lines) throws InterruptedException {
        var auth = new AuthConfig().withRegistryAddress(registry.address());
        if (registry.authenticated()) {
            auth.withUsername(registry.username()).withPassword(registry.password());
        }
        var done = docker.pushImageCmd(repository).withTag(tag).withAuthConfig(auth)
                .exec(new ResultCallback.Adapter<PushResponseItem>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                        if (item.getErrorDetail() != null) {
                            throw new DockerClientException(item.getErrorDetail().getMessage());
                        }
                        if (item.getStatus() != null && item.getId() == null) {
                            lines.accept(item.getStatus());
                        }
                    }
                });
        try (done) {
            if (!done.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DockerClientException("no answer within " + timeout.toSeconds() + " s");
            }
        } catch (java.io.IOException closing) {
            // the outcome is known already
        }
    }

    /**
     * Removes containers a previous builder process left behind (killed mid-build). Returns how many. Apps'
     * containers carry the owner label too (their image's, which they inherit): those an agent runs are not
     * the builder's and are left alone.
     */
    public int removeLeftoverContainers() {
        var left = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(OWNER_LABEL, owner)).exec().stream()
                .filter(c -> c.getLabels() == null || !c.getLabels().containsKey(AgentLabel.NAME))
                .toList();
        left.forEach(c -> removeContainer(c.getId()));
        return left.size();
    }

    private Map<String, String> owned(Map<String, String> labels) {
        var all = new java.util.HashMap<>(labels);
        all.put(OWNER_LABEL, owner);
        return all;
    }

    public Optional<String> imageId(String image) {
        try {
            return Optional.of(docker.inspectImageCmd(image).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private void removeContainer(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removing is idempotent
        }
    }

    private static void awaitQuietly(ResultCallback.Adapter<Frame> follow) {
        try {
            follow.awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        docker.close();
    }
}
