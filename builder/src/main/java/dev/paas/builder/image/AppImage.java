package dev.paas.builder.image;

import dev.paas.builder.build.BuildFailure;
import dev.paas.builder.build.BuildLog;
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
 * by and running as uid 1000; or the app's own Dockerfile. Images are tagged {@code paas-app/APP:BUILD_ID}.
 */
public final class AppImage {
    private final DockerEngine docker;
    private final String stackImage;
    private final int memoryMb;
    private final Map<String, String> buildArgs;

    public AppImage(DockerEngine docker, String stackImage, int memoryMb, Map<String, String> buildArgs) {
        this.docker = docker;
        this.stackImage = stackImage;
        this.memoryMb = memoryMb;
        this.buildArgs = buildArgs;
    }

    public static String tag(String app, String buildId) {
        return "paas-app/" + app + ":" + buildId;
    }

    /** The compiled app directory on the run image. */
    public String fromSlug(String app, String buildId, Path appDir, Path scratch, BuildLog log) {
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
        return build(tar, tag(app, buildId), log, false);
    }

    /** The app's own Dockerfile, with its source as the context. */
    public String fromDockerfile(String app, String buildId, Path sourceDir, Path scratch, BuildLog log) {
        Path tar = scratch.resolve("docker-context.tar");
        try (var out = Files.newOutputStream(tar); var context = new ContextTar(out)) {
            context.addTree(sourceDir, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Docker build context", e);
        }
        log.step("Building with the Dockerfile");
        return build(tar, tag(app, buildId), log, true);
    }

    /** The app's own Dockerfile build is shown as it goes; the slug's image build only when it fails. */
    private String build(Path tar, String tag, BuildLog log, boolean appDockerfile) {
        var quiet = new java.util.ArrayList<String>();
        try (InputStream in = Files.newInputStream(tar)) {
            docker.build(in, tag, appDockerfile ? buildArgs : Map.of(), memoryMb,
                    line -> {
                        if (appDockerfile) {
                            log.detail(line.stripTrailing());
                        } else {
                            quiet.add(line.stripTrailing());
                        }
                    });
            return tag;
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
