package dev.paas.api.drain;

import dev.paas.api.app.AppRow;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.client.EventKind;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** An app's log drains: adding, listing and removing them. Delivery is {@link DrainDelivery}'s. */
public final class DrainService {
    private final Transactions transactions;
    private final DrainRepository drains;
    private final DrainPolicy policy;
    private final int maxPerApp;

    DrainService(Transactions transactions, DrainRepository drains, DrainPolicy policy, int maxPerApp) {
        this.transactions = transactions;
        this.drains = drains;
        this.policy = policy;
        this.maxPerApp = maxPerApp;
    }

    List<DrainRow> list(AppRow app) {
        return drains.list(transactions.dsl(), app.id());
    }

    DrainRow show(AppRow app, String idTokenOrUrl) {
        return require(transactions.dsl(), app, idTokenOrUrl);
    }

    /** A new drain starts with the lines logged from now on, as Heroku's do. */
    DrainRow create(AppRow app, String requested) {
        var url = DrainUrl.parse(requested);
        try {
            policy.addresses(url.host(), url.port());
        } catch (DrainPolicy.Refused e) {
            throw ApiFailure.invalid("Drain " + requested + " is refused: " + e.getMessage() + ".");
        }
        String stored = requested.trim();
        return transactions.result(tx -> {
            if (drains.countLocked(tx.dsl(), app.id()) >= maxPerApp) {
                throw ApiFailure.invalid("App " + app.name() + " already has " + maxPerApp + " log drains, the most "
                        + "an app may have. Remove one with `paas drains:remove URL` first.");
            }
            var row = drains.insert(tx.dsl(), app.id(), stored, drains.lastLogId(tx.dsl(), app.id()))
                    .orElseThrow(() -> ApiFailure.invalid("Url has already been taken: " + app.name()
                            + " already drains to " + stored + "."));
            tx.announce(app.id(), EventKind.LOG_DRAIN_CREATED, Map.of("drain_id", row.id(), "token", row.token()));
            return row;
        });
    }

    DrainRow delete(AppRow app, String idTokenOrUrl) {
        return transactions.result(tx -> {
            var row = require(tx.dsl(), app, idTokenOrUrl);
            drains.delete(tx.dsl(), row.id());
            tx.announce(app.id(), EventKind.LOG_DRAIN_DELETED, Map.of("drain_id", row.id(), "token", row.token()));
            return row;
        });
    }

    private DrainRow require(DSLContext db, AppRow app, String idTokenOrUrl) {
        return drains.find(db, app.id(), idTokenOrUrl).orElseThrow(() -> ApiFailure.notFound(
                "Couldn't find drain " + idTokenOrUrl + " on " + app.name() + ". See `paas drains -a " + app.name()
                        + "`."));
    }
}
