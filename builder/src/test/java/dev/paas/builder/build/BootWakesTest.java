package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class BootWakesTest {

    @Test
    void only_news_of_the_watched_apps_routes_or_processes_wakes_its_watch() throws Exception {
        var wakes = BootWakes.none();
        UUID app = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (var watch = wakes.watch(app); var otherWatch = wakes.watch(other)) {
            wakes.accept(event(other, "routes.changed"));
            wakes.accept(event(app, "release.created"));
            wakes.accept(event(app, "no-such.kind"));
            wakes.accept(event(null, "routes.changed"));
            assertThat(watch.await(0)).as("news of other apps, or of other things").isFalse();
            assertThat(otherWatch.await(0)).isTrue();

            wakes.accept(event(app, "routes.changed"));
            wakes.accept(event(app, "instances.changed"));
            assertThat(watch.await(0)).isTrue();
            assertThat(watch.await(0)).as("two pieces of news before a wait wake it once").isFalse();
        }
        try (var later = wakes.watch(app)) {
            wakes.accept(event(other, "routes.changed"));
            assertThat(later.await(0)).as("a closed watch's app is watched again by a new one").isFalse();
        }
    }

    @Test
    void a_release_placed_on_an_agent_wakes_the_watch_of_its_app_through_the_event_stream(TestPlatform platform)
            throws Exception {
        var service = new PlatformClient(URI.create(platform.baseUrl()), platform.builderToken());
        String token = platform.user("wakes@example.com");
        var user = new PlatformClient(URI.create(platform.baseUrl()), token);
        String name = "wakes-" + UUID.randomUUID().toString().substring(0, 8);
        var app = user.createApp(name);
        service.registerAgent(new Wire.AgentRegistration("wakes-agent-" + name, "127.0.0.1", 4096));
        var wakes = BootWakes.follow(service);
        try (var watch = wakes.watch(app.id())) {
            assertThat(wakes.opened(30_000)).as("the event stream opens").isTrue();
            assertThat(watch.await(0)).isFalse();

            var build = service.createBuild(name, new Wire.BuildCreate("0123abc", null, user.account().id()));
            service.updateBuild(name, build.id().toString(), new Wire.BuildUpdate("succeeded", "example/img:1",
                    null, Map.of("web", "node server.js"), "ok"));
            service.deploy(name, build.id(), null, List.of(new Wire.FormationUpdate("web", 1, null)));

            assertThat(watch.await(30_000)).as("woken by the web slot's placement").isTrue();
        } finally {
            wakes.close();
        }
    }

    private static Wire.Event event(UUID app, String kind) {
        return new Wire.Event(1, app, kind, Map.of(), Instant.now());
    }
}
