package dev.paas.builder.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeftoversTest {
    private static final UUID LIVE = UUID.randomUUID();
    private static final UUID GONE = UUID.randomUUID();
    private static final UUID GONE_IMAGES_ONLY = UUID.randomUUID();

    @Test
    void only_what_belongs_to_apps_the_api_no_longer_has_is_left_over() {
        var leftovers = Leftovers.of(Set.of(LIVE), Set.of(LIVE, GONE), Map.of(
                "sha256:1", LIVE.toString(), "sha256:2", GONE.toString(), "sha256:3", GONE_IMAGES_ONLY.toString(),
                "sha256:4", "not-an-id"));

        assertThat(leftovers.apps()).containsExactlyInAnyOrder(GONE, GONE_IMAGES_ONLY);
        assertThat(leftovers.images()).containsExactlyInAnyOrder("sha256:2", "sha256:3");
    }

    @Test
    void nothing_is_left_over_when_every_app_is_live() {
        assertThat(Leftovers.of(Set.of(LIVE), Set.of(LIVE), Map.of("sha256:1", LIVE.toString())).isEmpty()).isTrue();
    }
}
