package dev.paas.builder.image;

import dev.paas.builder.build.BuildFailure;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.Cancellation;
import dev.paas.builder.docker.DockerEngine;
import com.github.dockerjava.api.exception.DockerClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes app images in the local engine: the stack's run image plus the compiled app as one layer in /app, owned
 * by and running as uid 1000; or the app's own Dockerfile, checked first by the {@link BaseImagePolicy}. Images are
 * tagged {@code paas-app/APP:BUILD_ID}, labelled with the app's id (so they are removed with the app), and returned
 * by their immutable id ({@code sha256:...}).
 */
public final class AppImage {
    private final DockerEngine docker;
    private final String stackImage;
    private final int memoryMb;
    private final Map<String, String> buildArgs;
    private final BaseImagePolicy policy;

    public AppImage(DockerEngine docker, String stackImage, int memoryMb, Map<String, String> buildArgs,
                    BaseImagePolicy policy) {
        this.docker = docker;
        this.policy = policy;
        this.stackImage = stackImage;
        this.memoryMb = memoryMb;
        this.buildArgs = buildArgs;
    }

    public static final String APP_ID_LABEL = "dev.paas.builder.app-id";

    public static String tag(String app, String buildId) {
        return BaseImagePolicy.APP_NAMESPACE + app + ":" + buildId;
    }

    /** The compiled app directory on the run image. */
    public String fromSlug(Target target, Path appDir, Path scratch, BuildLog log) {
        String app = target.app();
        String buildId = target.buildId();
        if (!docker.hasImage(stackImage)) {
            throw new BuildFailure("The stack image " + stackImage + " is missing from the engine; an operator "
                    + "builds it with bin/lib.sh ensure_stack_image.");
        }
        String dockerfile = "FROM " + stackImage + "\n"
                + "COPY --chown=1000:1000 app /app\n"
                + "COPY paas-launch /usr/local/bin/paas-launch\n"
                + "USER 1000:1000\n"
                + "WORKDIR /app\n"
                + "ENV HOME=/app\n"
                + "ENTRYPOINT [\"/usr/local/bin/paas-launch\"]\n"
                + "LABEL dev.paas.app=\"" + app + "\" dev.paas.build=\"" + buildId + "\"\n";
        Path tar = scratch.resolve("image-context.tar");
        try (var out = Files.newOutputStream(tar); var context = new ContextTar(out)) {
            context.add("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), 0100644);
            context.add("paas-launch", launcher(), 0100755);
            context.addTree(appDir, "app/");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image context", e);
        }
        log.step("Building image " + tag(app, buildId));
        return build(tar, target, log, false);
    }

    /** What an image is built for: the app (name and id), the build, and how to stop it. */
    public record Target(String app, java.util.UUID appId, String buildId, Cancellation cancel) {
    }

    /** The app's own Dockerfile, with its source as the context; refused before building if the policy says so. */
    public String fromDockerfile(Target target, Path sourceDir, Path scratch, BuildLog log) {
        Path dockerfile = sourceDir.resolve("Dockerfile");
        if (!Files.isRegularFile(dockerfile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new BuildFailure("The Dockerfile must be a regular file, not a link.");
        }
        try {
            policy.check(Files.readString(dockerfile, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BuildFailure("The Dockerfile is not UTF-8 text.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path tar = scratch.resolve("docker-context.tar");
        try (var out = Files.newOutputStream(tar); var context = new ContextTar(out)) {
            context.addTree(sourceDir, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Docker build context", e);
        }
        log.step("Building with the Dockerfile");
        return build(tar, target, log, true);
    }

    /** The app's own Dockerfile build is shown as it goes; the slug's image build only when it fails. */
    private String build(Path tar, Target target, BuildLog log, boolean appDockerfile) {
        var quiet = new java.util.ArrayList<String>();
        try (InputStream in = Files.newInputStream(tar)) {
            return docker.build(in, tag(target.app(), target.buildId()),
                    Map.of(APP_ID_LABEL, target.appId().toString()), appDockerfile ? buildArgs : Map.of(), memoryMb,
                    line -> {
                        if (appDockerfile) {
                            log.detail(line.stripTrailing());
                        } else {
                            quiet.add(line.stripTrailing());
                        }
                    }, target.cancel());
        } catch (DockerClientException e) {
            quiet.forEach(log::detail);
            String reason = e.getMessage() == null ? "unknown error" : e.getMessage().strip();
            if (reason.contains("pull access denied") || reason.contains("manifest") || reason.contains("registry")
                    || reason.contains("dial tcp") || reason.contains("no such host")) {
                throw new BuildFailure("The Dockerfile's base image cannot be had: the engine lacks it and cannot "
                        + "pull it (" + reason + ")", e);
            }
            throw new BuildFailure("docker build failed: " + reason, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] launcher() throws IOException {
        try (InputStream in = AppImage.class.getResourceAsStream("/image/paas-launch")) {
            if (in == null) {
                throw new IllegalStateException("resource /image/paas-launch missing");
            }
            return in.readAllBytes();
        }
    }
}
