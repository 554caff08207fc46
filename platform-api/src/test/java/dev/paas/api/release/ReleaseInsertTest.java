package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.Json;
import dev.paas.client.ReleaseStatus;
import dev.paas.client.Wire;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger hands on the release it appended without reading it back: it must be the row a read gives. */
@ExtendWith(PlatformExtension.class)
class ReleaseInsertTest {

    @Test
    void a_release_as_appended_is_the_release_as_read_back(TestPlatform platform) throws Exception {
        String token = platform.user("inserter@example.com");
        assertThat(new Api(platform.baseUrl()).post(token, "/apps", "{\"name\":\"inserted\"}").status()).isEqualTo(201);
        var repo = new ReleaseRepository(Json.mapper());
        try (Connection c = platform.connect()) {
            var db = DSL.using(c, SQLDialect.POSTGRES);
            UUID appId = db.fetchSingle("select id from apps where name = 'inserted'").get(0, UUID.class);
            UUID userId = db.fetchSingle("select id from users where email = 'inserter@example.com'").get(0, UUID.class);
            var check = new Wire.HealthCheck("http", "up", "/health", "ok", null, null, 3, 5, null, null);
            var draft = new Draft(null, "paas-app/inserted:abc", Map.of("web", "node server.js", "worker", "node w.js"),
                    Map.of("B", "2", "A", "1", "LONGER_NAME", "x"), "Set A, B config vars", userId,
                    Map.of("web", List.of(check)));

            int before = db.fetchSingle("select max(version) from releases where app_id = ?", appId).get(0, Integer.class);
            ReleaseRow appended = repo.insert(db, appId, draft, ReleaseStatus.SUCCEEDED);
            ReleaseRow read = repo.require(db, appId, appended.id().toString());

            assertThat(appended).usingRecursiveComparison().isEqualTo(read);
            assertThat(appended.version()).as("the app's next version, read by the insert itself").isEqualTo(before + 1);
            assertThat(appended.userEmail()).isEqualTo("inserter@example.com");
            assertThat(appended.createdAt()).isNotNull();
        }
    }
}
