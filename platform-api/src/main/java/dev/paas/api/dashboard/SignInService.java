package dev.paas.api.dashboard;

import dev.paas.api.auth.Authenticator;
import dev.paas.api.auth.Passwords;
import dev.paas.api.auth.User;
import dev.paas.api.auth.UserRepository;
import dev.paas.api.error.ApiFailure;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Signing in to the dashboard with an email and password, or an API token; signing out. Failures are
 * counted per email (a few: guessing one account's password) and per client address (more: many people
 * may share one address).
 */
final class SignInService {
    private static final String WRONG = "Wrong email or password. Ask an admin to set one with set-password, "
            + "or sign in with an API token.";
    private final DSLContext dsl;
    private final UserRepository users;
    private final Authenticator authenticator;
    private final SessionRepository sessions;
    private final SignInThrottle perEmail;
    private final SignInThrottle perAddress;
    private final Duration lifetime;

    SignInService(DSLContext dsl, UserRepository users, Authenticator authenticator, SessionRepository sessions,
                  SignInThrottle perEmail, SignInThrottle perAddress, Duration lifetime) {
        this.dsl = dsl;
        this.users = users;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.perEmail = perEmail;
        this.perAddress = perAddress;
        this.lifetime = lifetime;
    }

    SessionRepository.Opened withPassword(String email, String password, String address) {
        String who = "email:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
        String from = "address:" + address;
        perEmail.check(who);
        perAddress.check(from);
        Optional<User> user = email == null || email.isBlank() ? Optional.empty() : users.byEmail(dsl, email);
        // An unknown email is checked against a decoy hash: it takes as long as a wrong password.
        String stored = user.map(u -> users.passwordHash(dsl, u.id())).orElse(null);
        if (!Passwords.matches(password, stored) || user.isEmpty()) {
            perEmail.failed(who);
            perAddress.failed(from);
            throw ApiFailure.unauthorized(WRONG);
        }
        perEmail.succeeded(who);
        return open(user.get());
    }

    SessionRepository.Opened withToken(String token, String address) {
        String from = "address:" + address;
        perAddress.check(from);
        if (token == null || token.isBlank()) {
            throw ApiFailure.unauthorized("Paste an API token (`paas authorizations:create` makes one).");
        }
        User user;
        try {
            user = authenticator.authenticate("Bearer " + token.trim()).user();
        } catch (ApiFailure unknown) {
            perAddress.failed(from);
            throw ApiFailure.unauthorized("That API token is unknown, revoked or expired.");
        }
        return open(user);
    }

    /** Expired sessions are refused already; dropping them as new ones open keeps the table small. */
    private SessionRepository.Opened open(User user) {
        sessions.closeExpired(dsl);
        return sessions.open(dsl, user, lifetime);
    }

    Optional<Session> session(String id) {
        return sessions.find(dsl, id);
    }

    /** Whether a session still holds: a long stream asks on every wake-up. */
    boolean live(Session session) {
        return sessions.find(dsl, session.idSha256()).isPresent();
    }

    void signOut(Session session) {
        sessions.close(dsl, session.idSha256());
    }
}
