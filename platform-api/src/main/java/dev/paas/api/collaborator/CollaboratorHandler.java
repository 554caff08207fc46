package dev.paas.api.collaborator;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.auth.User;
import dev.paas.api.auth.UserRepository;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventLog;
import dev.paas.api.http.Bodies;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.Map;
import org.jooq.DSLContext;

/** {@code /apps/{app}/collaborators}: everyone with access may list; the owner adds and removes. */
public final class CollaboratorHandler {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final UserRepository users;
    private final CollaboratorRepository collaborators;
    private final EventLog events;
    private final Bodies bodies;

    public CollaboratorHandler(DSLContext dsl, AppRepository apps, UserRepository users,
                               CollaboratorRepository collaborators, EventLog events, Bodies bodies) {
        this.dsl = dsl;
        this.apps = apps;
        this.users = users;
        this.collaborators = collaborators;
        this.events = events;
        this.bodies = bodies;
    }

    public void list(Context ctx) {
        AppRow app = apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app"));
        ctx.json(collaborators.list(dsl, app.id()).stream().map(c -> wire(app, c)).toList());
    }

    public void create(Context ctx) {
        AppRow app = ownedApp(ctx);
        String email = bodies.read(ctx, Wire.CollaboratorCreate.class).user();
        if (email == null || email.isBlank()) {
            throw ApiFailure.invalid("Give 'user': the email of the user to add.");
        }
        User user = users.byEmail(dsl, email).orElseThrow(() -> ApiFailure.notFound(
                "Couldn't find a user with email " + email + ". An admin creates users with `create-user`."));
        if (user.id().equals(app.ownerId())) {
            throw ApiFailure.invalid(email + " owns " + app.name() + " already.");
        }
        CollaboratorRow row = dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            var id = collaborators.insert(tx, app.id(), user.id()).orElseThrow(() -> ApiFailure.conflict(
                    email + " is already a collaborator on " + app.name() + "."));
            events.append(tx, app.id(), "collaborator.created", Map.of("user_id", user.id()));
            return collaborators.find(tx, app.id(), id.toString()).orElseThrow();
        });
        ctx.status(201).json(wire(app, row));
    }

    public void delete(Context ctx) {
        AppRow app = ownedApp(ctx);
        String who = ctx.pathParam("collaborator");
        CollaboratorRow row = collaborators.find(dsl, app.id(), who).orElseThrow(() -> ApiFailure.notFound(
                who + " is not a collaborator on " + app.name() + "."));
        dsl.transaction(cfg -> {
            collaborators.delete(cfg.dsl(), row.id());
            events.append(cfg.dsl(), app.id(), "collaborator.deleted", Map.of("user_id", row.userId()));
        });
        ctx.json(wire(app, row));
    }

    private AppRow ownedApp(Context ctx) {
        User user = CurrentUser.of(ctx);
        AppRow app = apps.require(dsl, user, ctx.pathParam("app"));
        if (!user.admin() && !app.ownerId().equals(user.id())) {
            throw ApiFailure.forbidden("Only the owner of " + app.name() + " can change its collaborators.");
        }
        return app;
    }

    private static Wire.Collaborator wire(AppRow app, CollaboratorRow c) {
        return new Wire.Collaborator(c.id(), new Wire.AppRef(app.id(), app.name()),
                new Wire.UserRef(c.userId(), c.email()), c.createdAt().toInstant(), c.updatedAt().toInstant());
    }
}
