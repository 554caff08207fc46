package dev.paas.builder.buildpack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The built-in buildpacks and the build driver, shipped as resources and written out to a directory that build
 * containers mount read-only. {@code buildpacks/FILES} lists them, since a jar cannot be listed portably.
 */
public final class Buildpacks {
    private Buildpacks() {
    }

    /** Writes the buildpacks under {@code dir} (replacing what was there) and returns it. */
    public static Path install(Path dir) {
        try {
            Files.createDirectories(dir);
            String index = resource("FILES");
            for (String name : index.split("\n")) {
                if (name.isBlank()) {
                    continue;
                }
                Path target = dir.resolve(name.strip());
                Files.createDirectories(target.getParent());
                try (InputStream in = Buildpacks.class.getResourceAsStream("/buildpacks/" + name.strip())) {
                    if (in == null) {
                        throw new IllegalStateException("buildpack resource missing: " + name);
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                        name.contains("/bin/") || name.startsWith("paas-") ? "rwxr-xr-x" : "rw-r--r--"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the built-in buildpacks to " + dir, e);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Buildpacks.class.getResourceAsStream("/buildpacks/" + name)) {
            if (in == null) {
                throw new IllegalStateException("buildpack resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
