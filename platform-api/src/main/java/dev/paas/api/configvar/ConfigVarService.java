package dev.paas.api.configvar;

import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.event.GroupCommit;
import dev.paas.api.event.Transactions;
import dev.paas.api.release.Draft;
import dev.paas.api.release.Ledger;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.api.release.ReleaseRow;
import java.util.Map;
import java.util.Optional;

/** Config changes: each real change is a new release; a change that changes nothing makes none. */
public final class ConfigVarService {
    private final Transactions transactions;
    private final ReleaseRepository releases;
    private final Ledger ledger;
    private final GroupCommit groupCommit;

    public ConfigVarService(Transactions transactions, GroupCommit groupCommit, ReleaseRepository releases,
                            Ledger ledger) {
        this.transactions = transactions;
        this.groupCommit = groupCommit;
        this.releases = releases;
        this.ledger = ledger;
    }

    /** The config of the newest release that did not fail: current, or about to be once its release phase ends. */
    public Map<String, String> show(AppRow app) {
        return releases.tip(transactions.dsl(), app.id()).map(ReleaseRow::config).orElse(Map.of());
    }

    /** The config after {@code change}. */
    public Map<String, String> update(User user, AppRow app, ConfigChange change) {
        // Compared under the app's lock (the ledger's), so a concurrent change cannot slip between the check
        // and the append. Committed with other apps' config changes under load (the hottest write): a change
        // that grows the config too large, or an app destroyed meanwhile, is refused before anything is written.
        return groupCommit.result(app.id(), tx -> ledger.appendIfIn(tx, app.id(), tip -> {
            ConfigChange effective = change.effectiveOn(tip.config());
            return effective.isEmpty() ? Optional.<Draft>empty() : Optional.of(Draft.withConfigBy(tip,
                    effective.applyTo(tip.config()), effective.description(), user));
        }).config());
    }
}
