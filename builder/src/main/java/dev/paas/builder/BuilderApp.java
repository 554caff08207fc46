package dev.paas.builder;

import dev.paas.builder.appjson.AppSetup;
import dev.paas.builder.build.BootWakes;
import dev.paas.builder.build.BootWatch;
import dev.paas.builder.build.BuildSlots;
import dev.paas.builder.build.Builder;
import dev.paas.builder.build.PendingJournal;
import dev.paas.builder.buildpack.BuildpackRun;
import dev.paas.builder.buildpack.Buildpacks;
import dev.paas.builder.docker.DockerEngine;
import dev.paas.builder.git.AppRepositories;
import dev.paas.builder.git.GitHttp;
import dev.paas.builder.git.PushAccess;
import dev.paas.builder.cleanup.AppSweeper;
import dev.paas.builder.image.AppImage;
import dev.paas.builder.image.BaseImagePolicy;
import dev.paas.builder.registry.RegistryClient;
import dev.paas.builder.registry.RegistrySweeper;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.paas.client.PlatformClient;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The builder wired together and started: the one place that builds its object graph. */
public final class BuilderApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuilderApp.class);
    /** How long a first deploy waits for an app.json's add-on, such as a database, to be provisioned. */
    private static final Duration ADDON_WAIT = Duration.ofMinutes(3);
    private final DockerEngine docker;
    private final BuilderServer server;
    private final GitHttp git;
    private final Duration drainLimit;
    private final ScheduledExecutorService timer;
    private final BootWakes wakes;
    private final BuildpackRun compiler;

    private BuilderApp(DockerEngine docker, BuilderServer server, GitHttp git, ScheduledExecutorService timer,
                       BootWakes wakes, BuildpackRun compiler, Duration drainLimit) {
        this.compiler = compiler;
        this.timer = timer;
        this.wakes = wakes;
        this.docker = docker;
        this.server = server;
        this.git = git;
        this.drainLimit = drainLimit;
    }

    public static BuilderApp start(BuilderConfig config) throws IOException {
        Files.createDirectories(config.workDir());
        Files.createDirectories(config.cacheDir());
        // Calls that follow a build's output last as long as the build; leave room for image builds after it.
        var docker = new DockerEngine(config.dockerHost(), config.timeout().plus(Duration.ofMinutes(10)),
                config.dataDir().toString());
        var timer = Executors.newScheduledThreadPool(3, r -> {
            var t = new Thread(r, "builder-timer");
            t.setDaemon(true);
            return t;
        });
        try {
            return start(config, docker, timer);
        } catch (IOException | RuntimeException e) {
            // A start that fails (its port taken, say) leaves no sweeper running nor engine client open:
            // in one process (PAAS_ONE_PROCESS) or a test, the caller goes on without them.
            timer.shutdownNow();
            try {
                docker.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static BuilderApp start(BuilderConfig config, DockerEngine docker, ScheduledExecutorService timer)
            throws IOException {
        int leftovers = docker.removeLeftoverContainers();
        var journal = new PendingJournal(config.pendingDir());
        var service = new PlatformClient(config.apiUrl(), config.apiKey());
        int failed = journal.failLeftovers(service);
        LOG.info("at=info msg=\"recovered from previous run\" failed_builds={} removed_containers={}", failed,
                leftovers);
        var policy = new BaseImagePolicy(config.baseImages());
        var buildpacks = Buildpacks.install(config.dataDir().resolve("buildpacks"));
        var buildArgs = new HashMap<>(config.buildEnv());
        var wakes = config.bootWait().isZero() ? BootWakes.none() : BootWakes.of(service);
        var compiler = new BuildpackRun(docker, config.buildImage(), buildpacks, config.caBundle(), config.dataDir(),
                config.workDir(), config.buildEnv(), config.memoryMb(), config.timeout(),
                config.warmContainer() ? timer : null);
        var builder = new Builder(compiler,
                new AppImage(docker, config.stackImage(), config.memoryMb(), buildArgs, policy),
                docker, new BuildSlots(config.concurrency(), config.perUser()), journal, service, timer,
                config.workDir(), config.cacheDir(), config.registry(), new BootWatch(service, config.bootWait(), wakes),
                new AppSetup(service, ADDON_WAIT, Duration.ofSeconds(1)));
        var repositories = new AppRepositories(config.repoDir());
        var git = new GitHttp(new PushAccess(config.apiUrl()), repositories, builder, config.maxPushBytes(), timer);
        var sweeper = new AppSweeper(service, docker, repositories, config.cacheDir());
        // At start too: apps destroyed while the builder was down are cleaned up now.
        timer.scheduleWithFixedDelay(sweeper::sweep, 0, config.sweepEvery().toMillis(), TimeUnit.MILLISECONDS);
        if (config.registry() != null) {
            var images = new RegistrySweeper(service, new RegistryClient(config.registryAccess()),
                    config.registry().address(), config.retainReleases());
            timer.scheduleWithFixedDelay(images::sweep, 0, config.sweepEvery().toMillis(), TimeUnit.MILLISECONDS);
        }
        var server = BuilderServer.start(config.bind(), config.port(), git, config.timeout().plus(Duration.ofMinutes(10)).toMillis());
        wakes.start();
        compiler.replenish();
        LOG.info("at=info msg=\"builder listening\" port={} api={} build_image={} stack_image={} concurrency={} "
                + "per_user={} base_images={} registry={}", server.port(), config.apiUrl(), config.buildImage(),
                config.stackImage(), config.concurrency(), config.perUser(), String.join(",", config.baseImages()),
                config.registry() == null ? "none" : config.registry().address());
        return new BuilderApp(docker, server, git, timer, wakes, compiler, config.timeout().plus(Duration.ofMinutes(1)));
    }

    public int port() {
        return server.port();
    }

    /** Refuses new pushes, lets builds in flight finish (up to the build timeout), then stops. */
    @Override
    public void close() throws Exception {
        if (!git.drain(drainLimit)) {
            LOG.warn("at=warn msg=\"pushes still running at stop; their builds fail at the next start\"");
        }
        server.close();
        wakes.close();
        compiler.close();
        timer.shutdownNow();
        docker.close();
    }
}
