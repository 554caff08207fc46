package dev.paas.api.configvar;

import dev.paas.api.app.AppRepository;
import dev.paas.api.auth.User;
import dev.paas.api.release.Draft;
import dev.paas.api.release.Ledger;
import dev.paas.api.release.ReleaseRepository;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/** Config changes: each real change is a new release; a change that changes nothing makes none. */
final class ConfigVarService {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final Ledger ledger;

    ConfigVarService(DSLContext dsl, AppRepository apps, ReleaseRepository releases, Ledger ledger) {
        this.dsl = dsl;
        this.apps = apps;
        this.releases = releases;
        this.ledger = ledger;
    }

    /** The config after {@code change}. */
    Map<String, String> update(User user, UUID appId, ConfigChange change) {
        return dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            // Compared under the app's lock, so a concurrent change cannot slip between the check and the append.
            apps.lock(tx, appId);
            var current = releases.latest(tx, appId).orElseThrow(() -> new IllegalStateException(
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
