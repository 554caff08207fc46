package dev.paas.api.auth;

import static dev.paas.api.db.Schema.DashboardSessions;
import static dev.paas.api.db.Schema.Users;

import dev.paas.api.error.ApiFailure;
import dev.paas.api.error.Constraints;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Users; their tokens are in {@link AuthorizationRepository}. */
public final class UserRepository {
    private final AuthorizationRepository authorizations;

    public UserRepository(AuthorizationRepository authorizations) {
        this.authorizations = authorizations;
    }

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
            return authorizations.issue(tx, id, "created with the account", null).token();
        });
    }

    /** Issues another token of an existing user (the operator's one-off command); returns the token. */
    public String issueToken(DSLContext dsl, String email, String description) {
        User user = byEmail(dsl, email).orElseThrow(() -> ApiFailure.notFound("No user with email " + email
                + "; create it with create-user."));
        return dsl.transactionResult(cfg -> authorizations.issue(cfg.dsl(), user.id(), description, null).token());
    }

    public Optional<User> byEmail(DSLContext dsl, String email) {
        return dsl.select(Users.ID, Users.EMAIL, Users.ADMIN, Users.CREATED_AT, Users.UPDATED_AT)
                .from(Users.T)
                .where(DSL.lower(Users.EMAIL).eq(email.trim().toLowerCase()))
                .fetchOptional(UserRepository::user);
    }

    /** Sets the password of the user with this email (the operator's one-off); refuses an unknown email. */
    public void setPassword(DSLContext dsl, String email, String password) {
        Passwords.validate(password);
        User user = byEmail(dsl, email).orElseThrow(() -> ApiFailure.notFound("No user with email " + email
                + "; create it with create-user."));
        setPassword(dsl, user.id(), password);
    }

    /** Sets a password and ends every dashboard session of the user. */
    public void setPassword(DSLContext dsl, UUID userId, String password) {
        setPassword(dsl, userId, password, null);
    }

    /**
     * A user's own change: once a password is set, the current one is needed too, so a token alone (say, one
     * left in a CI job) cannot take over the account's browser sign-in. Ends the user's other dashboard
     * sessions; {@code keepSession} (the SHA-256 of the one the change came from, or null) stays.
     */
    public void changePassword(DSLContext dsl, UUID userId, String current, String password, byte[] keepSession) {
        Passwords.validate(password);
        String stored = passwordHash(dsl, userId);
        if (stored != null && !Passwords.matches(current, stored)) {
            throw ApiFailure.forbidden("'current_password' is missing or wrong: send the password you have now "
                    + "to change it (an admin can reset it with the set-password command).");
        }
        setPassword(dsl, userId, password, keepSession);
    }

    /**
     * A new password ends the user's other dashboard sessions in the same transaction: changing it is how
     * someone shuts out whoever learnt the old one, and a session opened with it would otherwise last 12 hours.
     */
    private void setPassword(DSLContext dsl, UUID userId, String password, byte[] keepSession) {
        Passwords.validate(password);
        String hash = Passwords.hash(password);
        dsl.transaction(c -> {
            var tx = c.dsl();
            tx.update(Users.T).set(Users.PASSWORD_HASH, hash)
                    .set(Users.UPDATED_AT, DSL.currentOffsetDateTime()).where(Users.ID.eq(userId)).execute();
            tx.deleteFrom(DashboardSessions.T).where(DashboardSessions.USER_ID.eq(userId))
                    .and(keepSession == null ? DSL.trueCondition() : DashboardSessions.ID_SHA256.ne(keepSession))
                    .execute();
        });
    }

    /** The stored password hash of a user, null when none is set. */
    public String passwordHash(DSLContext dsl, UUID userId) {
        return dsl.select(Users.PASSWORD_HASH).from(Users.T).where(Users.ID.eq(userId)).fetchOne(Users.PASSWORD_HASH);
    }

    static User user(Record r) {
        return new User(r.get(Users.ID), r.get(Users.EMAIL), r.get(Users.ADMIN), r.get(Users.CREATED_AT),
                r.get(Users.UPDATED_AT));
    }
}
