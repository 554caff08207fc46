package dev.paas.api.auth;

import static dev.paas.api.db.Schema.ApiTokens;
import static dev.paas.api.db.Schema.Users;

import dev.paas.api.error.ApiFailure;
import dev.paas.api.error.Constraints;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Users and their hashed tokens. */
public final class UserRepository {
    private final Tokens tokens = new Tokens();

    /** Creates a user and its first token; returns the token, which is not stored anywhere. */
    public String create(DSLContext dsl, String email, boolean admin) {
        String normalized = email == null ? "" : email.trim();
        if (!normalized.matches("[^@\\s]+@[^@\\s]+") || normalized.length() > 254) {
            throw ApiFailure.invalid("'" + normalized + "' is not an email address such as jane@example.com.");
        }
        return dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            var id = UUID.randomUUID();
            try {
                tx.insertInto(Users.T).set(Users.ID, id).set(Users.EMAIL, normalized).set(Users.ADMIN, admin).execute();
            } catch (DataAccessException e) {
                if (Constraints.uniqueViolation(e).isPresent()) {
                    throw ApiFailure.conflict("A user with email " + normalized + " already exists.");
                }
                throw e;
            }
            return issueToken(tx, id, "created with the account");
        });
    }

    /** A new token for an existing user (e.g. an admin re-issuing one); returns it in clear once. */
    public String issueToken(DSLContext dsl, UUID userId, String description) {
        String token = tokens.generate();
        dsl.insertInto(ApiTokens.T)
                .set(ApiTokens.ID, UUID.randomUUID())
                .set(ApiTokens.USER_ID, userId)
                .set(ApiTokens.TOKEN_SHA256, Tokens.sha256(token))
                .set(ApiTokens.DESCRIPTION, description)
                .execute();
        return token;
    }

    public Optional<User> byToken(DSLContext dsl, String token) {
        return dsl.select(Users.ID, Users.EMAIL, Users.ADMIN, Users.CREATED_AT, Users.UPDATED_AT)
                .from(Users.T).join(ApiTokens.T).on(ApiTokens.USER_ID.eq(Users.ID))
                .where(ApiTokens.TOKEN_SHA256.eq(Tokens.sha256(token)))
                .fetchOptional(UserRepository::user);
    }

    public Optional<User> byEmail(DSLContext dsl, String email) {
        return dsl.select(Users.ID, Users.EMAIL, Users.ADMIN, Users.CREATED_AT, Users.UPDATED_AT)
                .from(Users.T)
                .where(DSL.lower(Users.EMAIL).eq(email.trim().toLowerCase()))
                .fetchOptional(UserRepository::user);
    }

    static User user(Record r) {
        return new User(r.get(Users.ID), r.get(Users.EMAIL), r.get(Users.ADMIN), r.get(Users.CREATED_AT),
                r.get(Users.UPDATED_AT));
    }
}
