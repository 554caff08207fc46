package dev.paas.api.configvar;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.event.Transactions;
import dev.paas.api.release.Draft;
import dev.paas.api.release.Ledger;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.api.release.ReleaseRow;
import java.util.Map;

/** Config changes: each real change is a new release; a change that changes nothing makes none. */
public final class ConfigVarService {
    private final Transactions transactions;
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final Ledger ledger;

    public ConfigVarService(Transactions transactions, AppRepository apps, ReleaseRepository releases,
                            Ledger ledger) {
        this.transactions = transactions;
        this.apps = apps;
        this.releases = releases;
        this.ledger = ledger;
    }

    /** The config of the newest release that did not fail: current, or about to be once its release phase ends. */
    public Map<String, String> show(AppRow app) {
        return releases.tip(transactions.dsl(), app.id()).map(ReleaseRow::config).orElse(Map.of());
    }

    /** The config after {@code change}. */
    public Map<String, String> update(User user, AppRow app, ConfigChange change) {
        var appId = app.id();
        return transactions.result(tx -> {
            // Compared under the app's lock, so a concurrent change cannot slip between the check and the append.
            apps.lock(tx.dsl(), appId);
            var current = releases.tip(tx.dsl(), appId).orElseThrow(() -> new IllegalStateException(
                    "app " + appId + " has no release, yet every app starts with v1"));
            ConfigChange effective = change.effectiveOn(current.config());
            if (effective.isEmpty()) {
                return current.config();
            }
            return ledger.appendIn(tx, appId, latest -> Draft.withConfig(current,
                    effective.applyTo(current.config()), effective.description(), user.id())).config();
        });
    }
}
