package dev.paas.agent.addon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.Wire;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AddonDiffTest {
    private static final UUID PG = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID GONE = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID APP_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID APP_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final Function<UUID, String> NET = app -> "net-" + app.toString().substring(35);
    private static final Function<UUID, String> OWN = addon -> "own-" + addon.toString().substring(35);

    private static Wire.AgentAddon pg(UUID... apps) {
        return new Wire.AgentAddon(PG, "postgresql-tidy-12345", "heroku-postgresql", "essential-0", 256, 20, "u", "p",
                List.of(apps));
    }

    private static AddonContainer container(UUID addon, boolean running, String health, String... networks) {
        return new AddonContainer(addon, "c-" + addon.toString().substring(35), running, health, running ? null : 0,
                Set.of(networks), null);
    }

    @Test
    void a_missing_container_is_created() {
        assertThat(AddonDiff.diff(List.of(pg(APP_A)), List.of(), Set.of(), NET, OWN))
                .containsExactly(new AddonAction.Create(pg(APP_A)));
    }

    @Test
    void a_running_container_joins_the_networks_of_attached_apps_and_leaves_detached_ones() {
        var actual = container(PG, true, "healthy", "own-1", "net-b");

        assertThat(AddonDiff.diff(List.of(pg(APP_A)), List.of(actual), Set.of(), NET, OWN)).containsExactly(
                new AddonAction.Connect(PG, "c-1", APP_A, "net-a", "postgresql-tidy-12345"),
                new AddonAction.Disconnect(PG, "c-1", "net-b"));
    }

    @Test
    void a_matching_host_needs_nothing() {
        var actual = container(PG, true, "healthy", "own-1", "net-a", "net-b");

        assertThat(AddonDiff.diff(List.of(pg(APP_A, APP_B)), List.of(actual), Set.of(), NET, OWN)).isEmpty();
    }

    @Test
    void a_stopped_container_is_started_again_with_its_volume() {
        var actual = container(PG, false, null, "own-1", "net-a");

        assertThat(AddonDiff.diff(List.of(pg(APP_A)), List.of(actual), Set.of(PG), NET, OWN))
                .containsExactly(new AddonAction.Start(PG, "c-1"));
    }

    @Test
    void an_add_on_no_longer_listed_is_destroyed_and_so_is_a_volume_left_behind() {
        var actual = container(GONE, true, "healthy", "own-2");

        assertThat(AddonDiff.diff(List.of(), List.of(actual), Set.of(GONE, PG), NET, OWN)).containsExactly(
                new AddonAction.Destroy(GONE, "c-2"), new AddonAction.Destroy(PG, null));
    }

    @Test
    void reports_say_ready_only_once_the_health_check_passes() {
        var addon = pg(APP_A);
        assertThat(AddonDiff.report(addon, null, null).state()).isEqualTo("starting");
        assertThat(AddonDiff.report(addon, null, "image not found").state()).isEqualTo("failed");
        assertThat(AddonDiff.report(addon, container(PG, true, "starting"), null).state()).isEqualTo("starting");
        assertThat(AddonDiff.report(addon, container(PG, true, "healthy"), null).state()).isEqualTo("ready");
        assertThat(AddonDiff.report(addon, container(PG, true, "unhealthy"), null).state()).isEqualTo("failed");
        var crashed = new AddonContainer(PG, "c-1", false, "unhealthy", 1, Set.of(), null);
        assertThat(AddonDiff.report(addon, crashed, null).reason()).isEqualTo("its server exited with status 1");
    }
}
