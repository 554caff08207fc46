package dev.paas.api.app;

import dev.paas.api.auth.User;
import dev.paas.api.db.Seek;
import dev.paas.api.collaborator.CollaboratorRepository;
import dev.paas.api.domain.DomainRepository;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.formation.FormationRepository;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.release.Draft;
import dev.paas.api.release.Ledger;
import dev.paas.client.EventKind;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Creating and destroying apps: each touches several tables in one transaction. */
public final class AppService {
    private static final int RANDOM_NAME_TRIES = 10;
    private final Transactions transactions;
    private final DSLContext dsl;
    private final AppRepository apps;
    private final DomainRepository domains;
    private final FormationRepository formations;
    private final CollaboratorRepository collaborators;
    private final Ledger ledger;
    private final String platformDomain;
    private final Scheduler scheduler;
    private final AppNames names = new AppNames();
    private final AppTeardown teardown;

    public AppService(Transactions transactions, AppRepository apps, DomainRepository domains,
                      FormationRepository formations, CollaboratorRepository collaborators, Ledger ledger,
                      String platformDomain, Scheduler scheduler, AppTeardown teardown) {
        this.scheduler = scheduler;
        this.teardown = teardown;
        this.transactions = transactions;
        this.dsl = transactions.dsl();
        this.apps = apps;
        this.domains = domains;
        this.formations = formations;
        this.collaborators = collaborators;
        this.ledger = ledger;
        this.platformDomain = platformDomain;
    }

    public Seek.Page<AppRow> list(User user, Seek seek) {
        return apps.list(dsl, user, seek);
    }

    /** The apps {@code user} owns or collaborates on, whatever their admin rights: Heroku's /users/~/apps. */
    Seek.Page<AppRow> listOwnOrShared(User user, Seek seek) {
        return apps.listOwnOrShared(dsl, user, seek);
    }

    /** A new app with its default hostname and release v1; {@code name} null picks a random free one. */
    public AppRow create(User owner, String name) {
        if (name != null) {
            AppNames.validate(name);
        }
        UUID id = transactions.result(changes -> {
            var tx = changes.dsl();
            String chosen = name;
            Optional<UUID> inserted;
            if (name != null) {
                inserted = apps.insert(tx, name, owner.id());
                if (inserted.isEmpty()) {
                    throw ApiFailure.conflict("Name " + name + " is already taken. Choose another name.");
                }
            } else {
                inserted = Optional.empty();
                for (int i = 0; i < RANDOM_NAME_TRIES && inserted.isEmpty(); i++) {
                    chosen = names.random();
                    inserted = apps.insert(tx, chosen, owner.id());
                }
                if (inserted.isEmpty()) {
                    throw ApiFailure.conflict("Could not find a free random name; give a name explicitly.");
                }
            }
            UUID appId = inserted.get();
            String hostname = chosen + "." + platformDomain;
            if (domains.insert(tx, appId, hostname, "heroku").isEmpty()) {
                throw ApiFailure.conflict("Hostname " + hostname + " is taken as a custom domain of another app; "
                        + "choose another app name.");
            }
            ledger.appendIn(changes, appId, none -> new Draft(null, null, Map.of(), Map.of(), "Initial release",
                    owner.id()));
            changes.announce(appId, EventKind.APP_CREATED, Map.of("name", chosen, "hostname", hostname));
            return appId;
        });
        return apps.require(dsl, owner, id.toString());
    }

    /**
     * Heroku's rename, by the owner (or an admin): the default hostname follows the name, in the same
     * transaction, and the domain events make routers re-list. Custom domains stay as they are.
     */
    public AppRow rename(User user, String idOrName, String newName) {
        AppNames.validate(newName);
        AppRow app = apps.require(dsl, user, idOrName);
        if (!user.admin() && !app.ownerId().equals(user.id())) {
            throw ApiFailure.forbidden("Only the owner of " + app.name() + " (" + app.ownerEmail()
                    + ") can rename it.");
        }
        if (app.name().equals(newName)) {
            return app;
        }
        String oldHost = app.name() + "." + platformDomain;
        String newHost = newName + "." + platformDomain;
        transactions.run(changes -> {
            var tx = changes.dsl();
            apps.lock(tx, app.id());
            if (!apps.rename(tx, app.id(), newName)) {
                throw ApiFailure.conflict("Name " + newName + " is already taken. Choose another name.");
            }
            var old = domains.find(tx, app.id(), oldHost);
            old.ifPresent(d -> domains.delete(tx, d.id()));
            var added = domains.insert(tx, app.id(), newHost, "heroku").orElseThrow(() -> ApiFailure.conflict(
                    "Hostname " + newHost + " is taken as a custom domain of another app; choose another name."));
            old.ifPresent(d -> changes.announce(app.id(), EventKind.DOMAIN_DELETED,
                    Map.of("hostname", oldHost, "domain_id", d.id())));
            changes.announce(app.id(), EventKind.DOMAIN_CREATED, Map.of("hostname", newHost, "domain_id", added.id()));
            changes.announce(app.id(), EventKind.APP_RENAMED, Map.of("name", newName, "previous_name", app.name()));
        });
        return apps.require(dsl, user, app.id().toString());
    }

    /** Only the owner (or an admin) destroys an app; its ledger stays, its name becomes free. */
    public AppRow destroy(User user, String idOrName) {
        AppRow app = apps.require(dsl, user, idOrName);
        if (!user.admin() && !app.ownerId().equals(user.id())) {
            throw ApiFailure.forbidden("Only the owner of " + app.name() + " (" + app.ownerEmail()
                    + ") can destroy it.");
        }
        transactions.run(changes -> {
            var tx = changes.dsl();
            apps.lock(tx, app.id());
            teardown.destroying(changes, app, user);
            apps.markDestroyed(tx, app.id());
            formations.deleteAll(tx, app.id());
            scheduler.reschedule(changes, app.id());
            domains.deleteAll(tx, app.id());
            collaborators.deleteAll(tx, app.id());
            changes.announce(app.id(), EventKind.APP_DESTROYED, Map.of("name", app.name()));
        });
        return app;
    }
}
