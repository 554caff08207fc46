package dev.paas.api.collaborator;

import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.auth.UserRepository;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.client.EventKind;
import java.util.List;
import java.util.Map;

/** An app's collaborators: everyone with access may list; the owner (or an admin) adds and removes. */
public final class CollaboratorService {
    private final Transactions transactions;
    private final UserRepository users;
    private final CollaboratorRepository collaborators;

    public CollaboratorService(Transactions transactions, UserRepository users, CollaboratorRepository collaborators) {
        this.transactions = transactions;
        this.users = users;
        this.collaborators = collaborators;
    }

    public List<CollaboratorRow> list(AppRow app) {
        return collaborators.list(transactions.dsl(), app.id());
    }

    /** 403 unless {@code user} owns the app or is an admin. */
    void requireOwner(AppRow app, User user) {
        if (!user.admin() && !app.ownerId().equals(user.id())) {
            throw ApiFailure.forbidden("Only the owner of " + app.name() + " can change its collaborators.");
        }
    }

    public CollaboratorRow add(AppRow app, User by, String email) {
        requireOwner(app, by);
        if (email == null || email.isBlank()) {
            throw ApiFailure.invalid("Give 'user': the email of the user to add.");
        }
        User user = users.byEmail(transactions.dsl(), email).orElseThrow(() -> ApiFailure.notFound(
                "Couldn't find a user with email " + email + ". An admin creates users with `create-user`."));
        if (user.id().equals(app.ownerId())) {
            throw ApiFailure.invalid(email + " owns " + app.name() + " already.");
        }
        return transactions.result(tx -> {
            var id = collaborators.insert(tx.dsl(), app.id(), user.id()).orElseThrow(() -> ApiFailure.conflict(
                    email + " is already a collaborator on " + app.name() + "."));
            tx.announce(app.id(), EventKind.COLLABORATOR_CREATED, Map.of("user_id", user.id()));
            return collaborators.find(tx.dsl(), app.id(), id.toString()).orElseThrow();
        });
    }

    public CollaboratorRow remove(AppRow app, User by, String who) {
        requireOwner(app, by);
        CollaboratorRow row = collaborators.find(transactions.dsl(), app.id(), who).orElseThrow(() ->
                ApiFailure.notFound(who + " is not a collaborator on " + app.name() + "."));
        transactions.run(tx -> {
            collaborators.delete(tx.dsl(), row.id());
            tx.announce(app.id(), EventKind.COLLABORATOR_DELETED, Map.of("user_id", row.userId()));
        });
        return row;
    }
}
