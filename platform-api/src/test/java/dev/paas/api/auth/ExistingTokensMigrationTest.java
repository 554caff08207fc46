package dev.paas.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.db.Database;
import dev.paas.api.db.ScratchDatabase;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Tokens made before authorizations existed (create-user's) become authorizations that never expire. */
class ExistingTokensMigrationTest {
    @Test
    void a_token_stored_before_the_migration_is_a_listed_authorization_and_still_authenticates() throws Exception {
        try (var scratch = new ScratchDatabase()) {
            Flyway.configure().dataSource(scratch.jdbcUrl(), scratch.user(), scratch.password())
                    .locations("classpath:db/migration").target("6").load().migrate();
            UUID user = UUID.randomUUID();
            try (var c = scratch.connect();
                 var insert = c.prepareStatement("insert into api_tokens (id, user_id, token_sha256, description, "
                         + "created_at) values (?, ?, ?, 'created with the account', now() - interval '1 day')")) {
                c.createStatement().execute("insert into users (id, email, admin) values ('" + user
                        + "', 'old@example.com', true)");
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, user);
                insert.setBytes(3, Tokens.sha256("paas_old-token"));
                insert.execute();
            }

            var config = scratch.config();
            Database.migrate(config);
            try (var database = new Database(config)) {
                var authorizations = new AuthorizationRepository();
                var credential = authorizations.byToken(database.dsl(), "paas_old-token").orElseThrow();
                assertThat(credential.user().email()).isEqualTo("old@example.com");
                assertThat(credential.expiresAt()).isNull();
                var listed = authorizations.list(database.dsl(), user);
                assertThat(listed).singleElement().satisfies(a -> {
                    assertThat(a.description()).isEqualTo("created with the account");
                    assertThat(a.updatedAt()).isEqualTo(a.createdAt());
                });
            }
        }
    }
}
