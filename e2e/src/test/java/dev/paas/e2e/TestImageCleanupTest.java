package dev.paas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/test's last step, {@code remove_leftover_test_images} (bin/lib.sh): the app images of builders that tests ran
 * in the temp directory, and whose directory is gone, are removed; those of a builder whose directory is there, or
 * that lives outside the temp directory, stay. Against the real engine, with images labelled as the builder labels
 * them, and a temp directory of this test's own (TMPDIR), so that no other test's images are concerned.
 */
class TestImageCleanupTest {
    private static final Path ROOT = Shell.root();
    private static final String DOCKER = "/usr/bin/docker";
    private static final String STACK_IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private static final String OWNER = "dev.paas.builder.owner";
    @TempDir
    Path tmp;
    private final List<String> images = new ArrayList<>();

    @AfterEach
    void removeOurImages() {
        for (String image : images) {
            docker("rmi", "-f", image);
        }
    }

    @Test
    void images_of_gone_test_builders_in_the_temp_dir_are_removed_and_no_others() throws Exception {
        Path alive = Files.createDirectories(tmp.resolve("builder-alive"));
        String gone = image(tmp.resolve("builder-gone").toString(), "gone");
        String kept = image(alive.toString(), "alive");
        String outside = image("/var/lib/paas-no-such-builder-" + tmp.getFileName(), "outside");

        var cleanup = Shell.run(ROOT, Map.of("TMPDIR", tmp.toString()), Duration.ofMinutes(2),
                List.of("bash", "-c", "set -euo pipefail; source bin/lib.sh; remove_leftover_test_images"))
                .orFail("remove_leftover_test_images");

        assertThat(cleanup.output()).contains("removing 1 app images");
        assertThat(exists(gone)).as("the image of a builder whose directory is gone").isFalse();
        assertThat(exists(kept)).as("the image of a builder whose directory is there").isTrue();
        assertThat(exists(outside)).as("the image of a builder outside the temp directory").isTrue();
        assertThat(exists(STACK_IMAGE)).as("an image no builder made").isTrue();
    }

    /** An image labelled as a builder on {@code owner} labels its app images. */
    private String image(String owner, String name) {
        String tag = "paas-cleanup-test/" + name + ":" + tmp.getFileName().toString().toLowerCase();
        String container = docker("create", STACK_IMAGE, "true").output().strip();
        try {
            docker("commit", "--change", "LABEL " + OWNER + "=" + owner, container, tag).orFail("docker commit");
        } finally {
            docker("rm", "-f", container);
        }
        images.add(tag);
        return tag;
    }

    private static boolean exists(String image) {
        return docker("image", "inspect", image).code() == 0;
    }

    private static Shell.Result docker(String... args) {
        var command = new ArrayList<>(List.of(DOCKER));
        command.addAll(List.of(args));
        return Shell.run(ROOT, Map.of(), Duration.ofMinutes(1), command);
    }
}
