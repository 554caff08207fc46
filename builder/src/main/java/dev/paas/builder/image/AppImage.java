package dev.paas.builder.image;

import dev.paas.builder.build.BuildFailure;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.Cancellation;
import dev.paas.builder.docker.DockerEngine;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import dev.paas.builder.docker.ImageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes app images in the local engine: the stack's run image plus the compiled app as one layer in /app, owned
 * by and running as uid 1000; or the app's own Dockerfile, checked first by the {@link BaseImagePolicy}. Images are
 * tagged {@code paas-app/APP:BUILD_ID}, labelled with the app's id (so they are removed with the app), and returned
 * by their immutable id ({@code sha256:...}).
 */
public final class AppImage {
    private static final Logger LOG = LoggerFactory.getLogger(AppImage.class);
    private final DockerEngine docker;
    private final String stackImage;
    private final int memoryMb;
    private final Map<String, String> buildArgs;
    private final BaseImagePolicy policy;
    /** Whether the engine loads an image archive that holds only the layers it lacks (as Docker's own store does). */
    private volatile boolean loads = true;

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

    /**
     * The compiled app directory on the run image, as {@code COPY --chown=1000:1000 app /app}, the launcher, and
     * {@code USER 1000:1000}, {@code WORKDIR /app}, {@code ENV HOME=/app}, the launcher as entrypoint and the app's
     * labels would make it, in one layer made at once: nothing of the app runs, so nothing needs a build. The
     * engine loads it as an image archive (one call); an engine that will not is given it to commit instead.
     */
    public String fromSlug(Target target, Path appDir, Path scratch, BuildLog log) {
        String app = target.app();
        String buildId = target.buildId();
        if (!docker.hasImage(stackImage)) {
            throw new BuildFailure("The stack image " + stackImage + " is missing from the engine; an operator "
                    + "builds it with bin/lib.sh ensure_stack_image.");
        }
        Path tar = scratch.resolve("image-layer.tar");
        var sha256 = sha256();
        try (var out = new DigestOutputStream(Files.newOutputStream(tar), sha256); var layer = new ContextTar(out)) {
            layer.addDirectory("app/", APP_UID);
            layer.addTree(appDir, "app/", APP_UID);
            layer.add("usr/local/bin/paas-launch", launcher(), 0100755);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image layer", e);
        }
        String diffId = "sha256:" + HexFormat.of().formatHex(sha256.digest());
        log.step("Building image " + tag(app, buildId));
        target.cancel().check();
        var config = new ImageConfig(APP_UID + ":" + APP_UID, "/app", List.of("HOME=/app"),
                List.of("/usr/local/bin/paas-launch"), Map.of("dev.paas.app", app, "dev.paas.build", buildId,
                        APP_ID_LABEL, target.appId().toString()));
        String tag = tag(app, buildId);
        String repository = tag.substring(0, tag.indexOf(':'));
        String version = tag.substring(tag.indexOf(':') + 1);
        try {
            if (loads) {
                var loaded = docker.load(stackImage, tar, diffId, config, repository, version, scratch);
                if (loaded.isPresent()) {
                    return loaded.get();
                }
                loads = false;
                LOG.info("at=info msg=\"the engine does not load images onto layers it has; committing them from "
                        + "now on\"");
            }
            try (InputStream in = Files.newInputStream(tar)) {
                return docker.commit(stackImage, in, config, repository, version);
            }
        } catch (DockerException e) {
            throw new BuildFailure("The image could not be made in the engine (" + e.getMessage().strip() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Apps run as this uid and gid, never root; their files in /app are theirs. */
    private static final int APP_UID = 1000;

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
        return build(tar, target, log);
    }

    /** The app's own Dockerfile build, shown as it goes. */
    private String build(Path tar, Target target, BuildLog log) {
        try (InputStream in = Files.newInputStream(tar)) {
            return docker.build(in, tag(target.app(), target.buildId()),
                    Map.of(APP_ID_LABEL, target.appId().toString()), buildArgs, memoryMb,
                    line -> log.detail(line.stripTrailing()), target.cancel());
        } catch (DockerClientException e) {
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
