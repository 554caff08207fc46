package dev.paas.cli.ps;

import dev.paas.client.ProcessState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.Wire;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutTest {

    @Test
    void a_new_release_that_crashed_says_the_old_one_keeps_serving_and_where_to_look() {
        var notes = Rollout.notes(List.of(dyno("web.1", 5, "crashed", 1), dyno("web.1", 4, "up", null)), "shop");

        assertThat(notes).containsExactly("  web.1: v5 crashed with exit status 1, so v4 keeps serving. "
                + "See `paas logs -a shop --dyno web.1`.");
    }

    @Test
    void a_boot_timeout_kill_is_named() {
        var notes = Rollout.notes(List.of(dyno("web.2", 5, "crashed", 137), dyno("web.2", 4, "up", null)), "shop");

        assertThat(notes).singleElement().asString().contains("R10").contains("v4 keeps serving");
    }

    @Test
    void a_new_release_still_starting_says_the_old_one_serves_until_then() {
        var notes = Rollout.notes(List.of(dyno("web.1", 5, "starting", null), dyno("web.1", 4, "up", null)), "shop");

        assertThat(notes).singleElement().asString().contains("v5 is starting; v4 serves until it is up");
    }

    @Test
    void nothing_to_say_when_the_newest_release_is_up_or_nothing_older_serves() {
        assertThat(Rollout.notes(List.of(dyno("web.1", 5, "up", null), dyno("web.1", 4, "up", null)), "shop"))
                .isEmpty();
        assertThat(Rollout.notes(List.of(dyno("web.1", 5, "crashed", 1)), "shop")).isEmpty();
        assertThat(Rollout.notes(List.of(), "shop")).isEmpty();
    }

    private static Wire.Dyno dyno(String name, int release, String state, Integer exit) {
        return new Wire.Dyno("c-" + name + release, name, name.substring(0, name.indexOf('.')), ProcessState.of(state), release,
                "standard-1X", "npm start", "127.0.0.1", 30000, exit, Instant.parse("2026-11-23T10:00:00Z"));
    }
}
