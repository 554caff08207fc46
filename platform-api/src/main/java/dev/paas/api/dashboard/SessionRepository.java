package dev.paas.api.dashboard;

import static dev.paas.api.db.Schema.DashboardSessions;
import static dev.paas.api.db.Schema.Users;

import dev.paas.api.auth.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Dashboard sessions: 256 random bits each, in the browser's cookie; the table has their SHA-256 only. */
final class SessionRepository {
    private final SecureRandom random = new SecureRandom();

    /** A new session and its id in clear, which is not stored anywhere. */
    record Opened(String id, Session session) {
    }

    Opened open(DSLContext dsl, User user, Duration lifetime) {
        String id = randomToken();
        String csrf = randomToken();
        byte[] hash = sha256(id);
        OffsetDateTime expires = OffsetDateTime.now().plus(lifetime);
        dsl.insertInto(DashboardSessions.T)
                .set(DashboardSessions.ID_SHA256, hash)
                .set(DashboardSessions.USER_ID, user.id())
                .set(DashboardSessions.CSRF_TOKEN, csrf)
                .set(DashboardSessions.EXPIRES_AT, expires)
                .execute();
        return new Opened(id, new Session(hash, user, csrf, expires));
    }

    Optional<Session> find(DSLContext dsl, String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        return find(dsl, sha256(id));
    }

    /** By the stored hash: what a long stream re-checks, so that signing out elsewhere ends it. */
    Optional<Session> find(DSLContext dsl, byte[] idSha256) {
        return dsl.select(DashboardSessions.ID_SHA256, DashboardSessions.CSRF_TOKEN, DashboardSessions.EXPIRES_AT,
                        Users.ID, Users.EMAIL, Users.ADMIN, Users.CREATED_AT, Users.UPDATED_AT)
                .from(DashboardSessions.T).join(Users.T).on(Users.ID.eq(DashboardSessions.USER_ID))
                .where(DashboardSessions.ID_SHA256.eq(idSha256))
                .and(DashboardSessions.EXPIRES_AT.gt(DSL.currentOffsetDateTime()))
                .fetchOptional(r -> new Session(r.get(DashboardSessions.ID_SHA256),
                        new User(r.get(Users.ID), r.get(Users.EMAIL), r.get(Users.ADMIN), r.get(Users.CREATED_AT),
                                r.get(Users.UPDATED_AT)),
                        r.get(DashboardSessions.CSRF_TOKEN), r.get(DashboardSessions.EXPIRES_AT)));
    }

    void close(DSLContext dsl, byte[] idSha256) {
        dsl.deleteFrom(DashboardSessions.T).where(DashboardSessions.ID_SHA256.eq(idSha256)).execute();
    }

    /** Sessions past their expiry are refused already; this only keeps the table small. */
    int closeExpired(DSLContext dsl) {
        return dsl.deleteFrom(DashboardSessions.T)
                .where(DashboardSessions.EXPIRES_AT.le(DSL.currentOffsetDateTime())).execute();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
