package dev.paas.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paas.api.error.ApiFailure;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamQuotaTest {
    private final StreamQuota quota = new StreamQuota(2);
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void a_user_holds_at_most_the_quota_and_others_are_not_counted_against_them() {
        quota.admit(alice);
        quota.admit(alice);

        assertThatThrownBy(() -> quota.admit(alice)).isInstanceOfSatisfying(ApiFailure.class,
                e -> assertThat(e.kind()).isEqualTo(ApiFailure.Kind.TOO_MANY_REQUESTS));
        assertThat(quota.admit(bob)).isNotNull();
        assertThat(quota.held(alice)).isEqualTo(2);
        assertThat(quota.held(bob)).isEqualTo(1);
    }

    @Test
    void closing_a_slot_gives_its_place_back_once_however_often_it_is_closed() {
        var first = quota.admit(alice);
        quota.admit(alice);

        first.close();
        first.close();

        assertThat(quota.held(alice)).isEqualTo(1);
        quota.admit(alice);
        assertThatThrownBy(() -> quota.admit(alice)).isInstanceOf(ApiFailure.class);
    }
}
