package dev.paas.api.release;

import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.build.BuildRepository;
import dev.paas.api.build.BuildRow;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.formation.FormationService;
import dev.paas.client.Wire;
import java.util.List;
import java.util.function.Function;

/** Reading an app's ledger; rolling back, and deploying a build, each by appending through {@link Ledger}. */
public final class ReleaseService {
    private final Transactions transactions;
    private final ReleaseRepository releases;
    private final BuildRepository builds;
    private final Ledger ledger;
    private final FormationService formations;
    private final ReleasePhase releasePhase;

    public ReleaseService(Transactions transactions, ReleaseRepository releases, BuildRepository builds,
                          Ledger ledger, FormationService formations, ReleasePhase releasePhase) {
        this.releasePhase = releasePhase;
        this.transactions = transactions;
        this.formations = formations;
        this.releases = releases;
        this.builds = builds;
        this.ledger = ledger;
    }

    public Seek.Page<ReleaseRow> list(AppRow app, Seek seek) {
        return releases.list(transactions.dsl(), app.id(), seek);
    }

    /** The current release's version (the newest succeeded one); 0 before the first. */
    public int currentVersion(AppRow app) {
        return releases.current(transactions.dsl(), app.id()).map(ReleaseRow::version).orElse(0);
    }

    ReleaseRow require(AppRow app, String idOrVersion) {
        return releases.require(transactions.dsl(), app.id(), idOrVersion);
    }

    boolean isCurrent(AppRow app, ReleaseRow release) {
        return releases.current(transactions.dsl(), app.id()).map(r -> r.id().equals(release.id())).orElse(false);
    }

    /** See {@link ReleasePhase#abandon}. */
    ReleaseRow abandon(AppRow app, String idOrVersion, String reason) {
        return releasePhase.abandon(app.id(), idOrVersion, reason);
    }

    public ReleaseRow rollback(AppRow app, User user, String target) {
        return ledger.rollback(app.id(), target, user.id());
    }

    /**
     * Releases a succeeded build with the current config; a {@code formation}, if given, scales the new release's
     * process types in the same transaction, so its processes start as asked (an app.json's first deploy).
     */
    ReleaseRow deploy(AppRow app, User user, String buildId, String givenDescription,
                      List<Wire.FormationUpdate> formation) {
        BuildRow build = builds.require(transactions.dsl(), app.id(), buildId);
        if (!"succeeded".equals(build.status())) {
            throw ApiFailure.invalid("Build " + build.id() + " is " + build.status()
                    + "; only a succeeded build can be released.");
        }
        String description = givenDescription != null && !givenDescription.isBlank()
                ? givenDescription
                : "Deploy " + (build.commit() == null ? build.id().toString().substring(0, 8)
                        : build.commit().substring(0, Math.min(7, build.commit().length())));
        // The builder deploys with its service token on behalf of the pusher, who stays the release's author.
        var author = user.admin() && build.userId() != null ? build.userId() : user.id();
        Function<ReleaseRow, Draft> draft = current -> new Draft(build.id(), build.image(), build.processTypes(),
                current.config(), description, author, build.healthchecks());
        if (formation == null || formation.isEmpty()) {
            return ledger.append(app.id(), draft);
        }
        return transactions.result(tx -> {
            var created = ledger.appendIn(tx, app.id(), current -> draft.apply(current.orElseThrow()));
            formations.updateIn(tx, app, user, created, formation);
            return created;
        });
    }
}
