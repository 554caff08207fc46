package dev.paas.api.auth;

import static dev.paas.api.db.Schema.ApiTokens;
import static dev.paas.api.db.Schema.Users;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/** API tokens (Heroku's OAuth authorizations); only their SHA-256 is stored. */
public final class AuthorizationRepository {
    private final Tokens tokens = new Tokens();

    /** A new authorization and its token in clear, which is not stored anywhere. */
    record Issued(AuthorizationRow row, String token) {
    }

    /** {@code lifetime} null: valid until revoked. */
    Issued issue(DSLContext dsl, UUID userId, String description, Duration lifetime) {
        String token = tokens.generate();
        var id = UUID.randomUUID();
        dsl.insertInto(ApiTokens.T)
                .set(ApiTokens.ID, id)
                .set(ApiTokens.USER_ID, userId)
                .set(ApiTokens.TOKEN_SHA256, Tokens.sha256(token))
                .set(ApiTokens.DESCRIPTION, description)
                .set(ApiTokens.EXPIRES_AT, lifetime == null ? null : OffsetDateTime.now().plus(lifetime))
                .execute();
        return new Issued(find(dsl, userId, id).orElseThrow(), token);
    }

    List<AuthorizationRow> list(DSLContext dsl, UUID userId) {
        return select(dsl).where(ApiTokens.USER_ID.eq(userId)).orderBy(ApiTokens.CREATED_AT, ApiTokens.ID)
                .fetch(AuthorizationRepository::row);
    }

    /** Only the user's own: another user's authorization is as missing as an unknown one. */
    Optional<AuthorizationRow> find(DSLContext dsl, UUID userId, UUID id) {
        return select(dsl).where(ApiTokens.USER_ID.eq(userId)).and(ApiTokens.ID.eq(id))
                .fetchOptional(AuthorizationRepository::row);
    }

    /** Revokes; the table's trigger wakes open streams, which then find their token gone. */
    boolean delete(DSLContext dsl, UUID userId, UUID id) {
        return dsl.deleteFrom(ApiTokens.T).where(ApiTokens.USER_ID.eq(userId)).and(ApiTokens.ID.eq(id)).execute() == 1;
    }

    Optional<Credential> byToken(DSLContext dsl, String token) {
        return byTokenHash(dsl, Tokens.sha256(token));
    }

    Optional<Credential> byTokenHash(DSLContext dsl, byte[] sha256) {
        return dsl.select(ApiTokens.ID, ApiTokens.EXPIRES_AT, Users.ID, Users.EMAIL, Users.ADMIN, Users.CREATED_AT,
                        Users.UPDATED_AT)
                .from(Users.T).join(ApiTokens.T).on(ApiTokens.USER_ID.eq(Users.ID))
                .where(ApiTokens.TOKEN_SHA256.eq(sha256)).and(unexpired())
                .fetchOptional(r -> new Credential(r.get(ApiTokens.ID), UserRepository.user(r),
                        r.get(ApiTokens.EXPIRES_AT)));
    }

    Optional<Credential> byId(DSLContext dsl, UUID tokenId) {
        return dsl.select(ApiTokens.ID, ApiTokens.EXPIRES_AT, Users.ID, Users.EMAIL, Users.ADMIN, Users.CREATED_AT,
                        Users.UPDATED_AT)
                .from(Users.T).join(ApiTokens.T).on(ApiTokens.USER_ID.eq(Users.ID))
                .where(ApiTokens.ID.eq(tokenId)).and(unexpired())
                .fetchOptional(r -> new Credential(r.get(ApiTokens.ID), UserRepository.user(r),
                        r.get(ApiTokens.EXPIRES_AT)));
    }

    boolean live(DSLContext dsl, UUID tokenId) {
        return dsl.fetchExists(DSL.selectOne().from(ApiTokens.T).where(ApiTokens.ID.eq(tokenId)).and(unexpired()));
    }

    private static Condition unexpired() {
        return ApiTokens.EXPIRES_AT.isNull().or(ApiTokens.EXPIRES_AT.gt(DSL.currentOffsetDateTime()));
    }

    private static SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(List.of(ApiTokens.ID, ApiTokens.USER_ID, Users.EMAIL, ApiTokens.DESCRIPTION,
                        ApiTokens.EXPIRES_AT, ApiTokens.CREATED_AT, ApiTokens.UPDATED_AT))
                .from(ApiTokens.T).join(Users.T).on(Users.ID.eq(ApiTokens.USER_ID));
    }

    private static AuthorizationRow row(Record r) {
        return new AuthorizationRow(r.get(ApiTokens.ID), r.get(ApiTokens.USER_ID), r.get(Users.EMAIL),
                r.get(ApiTokens.DESCRIPTION), r.get(ApiTokens.EXPIRES_AT), r.get(ApiTokens.CREATED_AT),
                r.get(ApiTokens.UPDATED_AT));
    }
}
