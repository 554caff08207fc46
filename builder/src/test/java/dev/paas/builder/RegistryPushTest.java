package dev.paas.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.TestPlatform;
import dev.paas.common.registry.TestRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pushes through a real builder to a real registry ({@code docker-registry} with htpasswd auth): each release names
 * its image by digest in the registry, and images no release among the last {@code PAAS_IMAGE_RETAIN_RELEASES} uses
 * are deleted, while those that can be rolled back to stay.
 */
class RegistryPushTest extends PushFixture {
    private static final int RETAIN = 2;
    private static TestRegistry registry;

    /** With the stack's layers in the registry already, each build pushes its own layer only. */
    @BeforeAll
    static void aRegistryHoldingTheStack() throws Exception {
        registry = TestRegistry.start();
        registry.pushKept(System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm"), "paas-base/stack");
    }

    @Override
    protected Map<String, String> builderSettings(TestPlatform platform) {
        return Map.of("PAAS_REGISTRY", registry.address(), "PAAS_REGISTRY_USERNAME", TestRegistry.USER,
                "PAAS_REGISTRY_PASSWORD", TestRegistry.PASSWORD, "PAAS_REGISTRY_PLAIN_HTTP", "true",
                "PAAS_IMAGE_RETAIN_RELEASES", String.valueOf(RETAIN), "PAAS_BUILDER_SWEEP_SECONDS", "1");
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    @Test
    void a_push_records_the_image_by_its_digest_in_the_registry_which_holds_its_manifest() throws Exception {
        String digest = pushApp("one");

        var build = client.builds(app).getFirst();
        String repository = registry.address() + "/paas-app/" + app;
        assertThat(build.image()).isEqualTo(repository + "@" + digest).matches(".*@sha256:[0-9a-f]{64}");
        assertThat(client.releases(app, 1).getFirst().image()).isEqualTo(build.image());
        assertThat(registry.manifestStatus("paas-app/" + app, digest)).isEqualTo(200);
        assertThat(registry.manifestStatus("paas-app/" + app, build.id().toString())).as("tagged with the build id")
                .isEqualTo(200);
    }

    @Test
    void images_older_than_the_last_releases_are_deleted_and_a_kept_one_can_still_be_rolled_back_to()
            throws Exception {
        String name = "paas-app/" + app;
        String first = pushApp("first");
        String second = pushApp("second");
        int secondRelease = client.releases(app, 1).getFirst().version();
        // config changes are releases too: with two kept, only the second image is still used
        client.updateConfigVars(app, Map.of("A", "1"));
        client.updateConfigVars(app, Map.of("B", "2"));

        await("the first image deleted", () -> status(name, first) == 404);
        assertThat(status(name, second)).isEqualTo(200);

        var rollback = client.rollback(app, String.valueOf(secondRelease));
        assertThat(rollback.image()).isEqualTo(registry.address() + "/" + name + "@" + second);
        assertThat(registry.collectGarbage()).as("blobs of the deleted image are freed").contains("eligible for deletion");
        // a few sweeps later the image the app now runs is still there
        var until = Instant.now().plusSeconds(4);
        while (Instant.now().isBefore(until)) {
            assertThat(status(name, second)).isEqualTo(200);
            Thread.sleep(500);
        }
    }

    @Test
    void a_destroyed_apps_images_are_deleted() throws Exception {
        String name = "paas-app/" + app;
        String digest = pushApp("doomed");

        client.destroyApp(app);

        await("the destroyed app's image deleted", () -> status(name, digest) == 404);
    }

    /** Pushes a Procfile app; returns its image's digest. */
    private String pushApp(String text) throws Exception {
        var ws = workspace().write("Procfile", "web: exec python3 -m http.server $PORT\n")
                .write("index.html", text + "\n");
        ws.commit(text);
        var push = ws.push(gitUrl(), "main");
        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(push.output()).contains("Pushing image to " + registry.address() + "/paas-app/" + app);
        String image = client.builds(app).getFirst().image();
        return image.substring(image.indexOf('@') + 1);
    }

    private int status(String name, String digest) {
        try {
            return registry.manifestStatus(name, digest);
        } catch (Exception e) {
            return -1;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(250);
        }
    }
}
