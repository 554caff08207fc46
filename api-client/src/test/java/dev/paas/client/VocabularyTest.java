package dev.paas.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void process_states_travel_as_herokus_lower_case_words() throws Exception {
        var dyno = new Wire.Dyno("c1", "web.1", "web", ProcessState.CRASHED, 3, "standard-1X", "npm start", null,
                null, 1, Instant.parse("2026-11-30T10:00:00Z"));

        String json = Json.mapper().writeValueAsString(dyno);

        assertThat(json).contains("\"state\":\"crashed\"");
        assertThat(Json.mapper().readValue(json, Wire.Dyno.class).state()).isEqualTo(ProcessState.CRASHED);
    }

    @Test
    void an_unknown_process_state_is_refused_naming_the_ones_there_are() {
        String report = "{\"container_id\":\"c\",\"app_id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"web\",\"index\":1,\"release\":1,\"state\":\"sleeping\"}";

        assertThatThrownBy(() -> Json.mapper().readValue(report, Wire.InstanceReport.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("unknown process state \"sleeping\": one of starting, up, crashed, down, waiting");
    }

    @Test
    void only_the_control_plane_says_a_slot_is_waiting() {
        assertThat(List.of(ProcessState.values()).stream().filter(ProcessState::reportable))
                .containsExactly(ProcessState.STARTING, ProcessState.UP, ProcessState.CRASHED, ProcessState.DOWN);
        assertThat(List.of(ProcessState.values()).stream().filter(ProcessState::ended))
                .containsExactly(ProcessState.CRASHED, ProcessState.DOWN);
    }

    @Test
    void a_routes_web_state_travels_as_a_word() throws Exception {
        var route = new Wire.AppRoute(UUID.randomUUID(), "shop", List.of("shop.test"), WebState.NONE, List.of());

        String json = Json.mapper().writeValueAsString(route);

        assertThat(json).contains("\"web\":\"none\"");
        assertThat(Json.mapper().readValue(json, Wire.AppRoute.class).web()).isEqualTo(WebState.NONE);
    }

    @Test
    void release_statuses_are_herokus_words_and_the_release_phase_type_is_a_one_off_never_scaled() {
        assertThat(List.of(ReleaseStatus.values()).stream().map(ReleaseStatus::wire))
                .containsExactly("pending", "succeeded", "failed");
        assertThat(ReleaseStatus.of("failed")).isEqualTo(ReleaseStatus.FAILED);
        assertThatThrownBy(() -> ReleaseStatus.of("expired")).hasMessageContaining("one of pending, succeeded, failed");
        assertThat(ProcessTypes.isOneOff(ProcessTypes.RELEASE)).isTrue();
        assertThat(ProcessTypes.isReleasePhase("release")).isTrue();
        assertThat(ProcessTypes.isReleasePhase("web")).isFalse();
    }

    @Test
    void event_kinds_newer_than_the_reader_pass_through_as_unknown() throws Exception {
        var event = Json.mapper().readValue("{\"id\":7,\"kind\":\"certificate.issued\",\"payload\":{}}",
                Wire.Event.class);

        assertThat(EventKind.of(event.kind())).isEmpty();
        assertThat(event.is(EventKind.ROUTES_CHANGED)).isFalse();
        assertThat(EventKind.of("routes.changed")).contains(EventKind.ROUTES_CHANGED);
        assertThat(new Wire.Event(8, null, "routes.changed", null, null).is(EventKind.ROUTES_CHANGED)).isTrue();
    }

    @Test
    void the_one_off_and_web_types_are_named_once() {
        assertThat(ProcessTypes.isOneOff("run")).isTrue();
        assertThat(ProcessTypes.isOneOff("worker")).isFalse();
        assertThat(ProcessTypes.isWeb("web")).isTrue();
    }
}
