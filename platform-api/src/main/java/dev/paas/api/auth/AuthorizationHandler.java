package dev.paas.api.auth;

import dev.paas.api.error.ApiFailure;
import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.post;

import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * {@code /oauth/authorizations}: a user's API tokens, as Heroku's. Each user sees and revokes only
 * their own; {@code ~} names the token the request itself carries (what {@code paas logout} revokes).
 */
public final class AuthorizationHandler {
    static final long MAX_EXPIRES_IN = 10L * 365 * 24 * 3600;
    static final int MAX_DESCRIPTION = 1000;
    private final DSLContext dsl;
    private final AuthorizationRepository authorizations;
    private final Bodies bodies;

    public AuthorizationHandler(DSLContext dsl, AuthorizationRepository authorizations, Bodies bodies) {
        this.dsl = dsl;
        this.authorizations = authorizations;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/oauth/authorizations", this::list),
                post("/oauth/authorizations", this::create),
                get("/oauth/authorizations/{authorization}", this::show),
                Route.delete("/oauth/authorizations/{authorization}", this::delete));
    }

    void list(Context ctx) {
        ctx.json(authorizations.list(dsl, CurrentUser.of(ctx).id()).stream().map(a -> wire(a, null)).toList());
    }

    void create(Context ctx) {
        var body = bodies.read(ctx, Wire.OAuthAuthorizationCreate.class);
        String description = body.description() == null ? "" : body.description().strip();
        if (description.length() > MAX_DESCRIPTION) {
            throw ApiFailure.invalid("'description' is longer than " + MAX_DESCRIPTION + " characters.");
        }
        var issued = authorizations.issue(dsl, CurrentUser.of(ctx).id(), description, lifetime(body.expiresIn()));
        ctx.status(201).json(wire(issued.row(), issued.token()));
    }

    void show(Context ctx) {
        ctx.json(wire(require(ctx), null));
    }

    void delete(Context ctx) {
        AuthorizationRow row = require(ctx);
        if (!authorizations.delete(dsl, row.userId(), row.id())) {
            throw notFound(ctx.pathParam("authorization"));
        }
        ctx.json(wire(row, null));
    }

    static Duration lifetime(Long expiresIn) {
        if (expiresIn == null) {
            return null;
        }
        if (expiresIn < 1 || expiresIn > MAX_EXPIRES_IN) {
            throw ApiFailure.invalid("'expires_in' must be a number of seconds from 1 to " + MAX_EXPIRES_IN
                    + " (ten years), got " + expiresIn + ". Leave it out for a token that lasts until revoked.");
        }
        return Duration.ofSeconds(expiresIn);
    }

    private AuthorizationRow require(Context ctx) {
        Credential credential = CurrentUser.credential(ctx);
        String given = ctx.pathParam("authorization");
        UUID id;
        if (given.equals("~")) {
            id = credential.tokenId();
        } else {
            try {
                id = UUID.fromString(given);
            } catch (IllegalArgumentException notAUuid) {
                throw notFound(given);
            }
        }
        return authorizations.find(dsl, credential.user().id(), id).orElseThrow(() -> notFound(given));
    }

    private static ApiFailure notFound(String given) {
        return ApiFailure.notFound("Couldn't find authorization " + given + ". See `paas authorizations`.");
    }

    private static Wire.OAuthAuthorization wire(AuthorizationRow a, String token) {
        Long expiresIn = a.expiresAt() == null ? null
                : Math.max(0, Duration.between(OffsetDateTime.now(), a.expiresAt()).toSeconds());
        return new Wire.OAuthAuthorization(a.id(), a.description(), List.of("global"),
                new Wire.AccessToken(a.id(), token, expiresIn), new Wire.UserRef(a.userId(), a.email()),
                a.createdAt().toInstant(), a.updatedAt().toInstant());
    }
}
