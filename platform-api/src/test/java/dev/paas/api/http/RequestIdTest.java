package dev.paas.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdTest {

    @Test
    void request_ids_are_version_4_uuids_and_do_not_repeat() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 100_000; i++) {
            String id = ApiServer.newRequestId();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(100_000);
    }
}
