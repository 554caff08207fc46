package dev.paas.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.ApiConfig;
import dev.paas.api.db.Database;
import java.net.URI;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Tokens made before authorizations existed (create-user's) become authorizations that never expire. */
class ExistingTokensMigrationTest {
    private record Admin(String jdbcUrl, String user, String password) {
    }

    @Test
    void a_token_stored_before_the_migration_is_a_listed_authorization_and_still_authenticates() throws Exception {
        URI url = URI.create(System.getenv().getOrDefault("PAAS_TEST_DATABASE_URL",
                "postgres://postgres:postgres@127.0.0.1:5432/postgres"));
        String[] userInfo = url.getUserInfo().split(":", 2);
        String hostPort = url.getHost() + ":" + (url.getPort() == -1 ? 5432 : url.getPort());
        var admin = new Admin("jdbc:postgresql://" + hostPort + url.getPath(), userInfo[0], userInfo[1]);
        String name = "paas_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             var s = c.createStatement()) {
            s.execute("create database " + name);
        }
        String jdbc = "jdbc:postgresql://" + hostPort + "/" + name;
        try {
            Flyway.configure().dataSource(jdbc, admin.user(), admin.password()).locations("classpath:db/migration")
                    .target("6").load().migrate();
            UUID user = UUID.randomUUID();
            try (var c = DriverManager.getConnection(jdbc, admin.user(), admin.password());
                 var insert = c.prepareStatement("insert into api_tokens (id, user_id, token_sha256, description, "
                         + "created_at) values (?, ?, ?, 'created with the account', now() - interval '1 day')")) {
                c.createStatement().execute("insert into users (id, email, admin) values ('" + user
                        + "', 'old@example.com', true)");
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, user);
                insert.setBytes(3, Tokens.sha256("paas_old-token"));
                insert.execute();
            }

            var config = ApiConfig.fromEnv(Map.of("DATABASE_URL", "postgres://" + admin.user() + ":" + admin.password()
                    + "@" + hostPort + "/" + name));
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
        } finally {
            try (var c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                 var s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }
}
