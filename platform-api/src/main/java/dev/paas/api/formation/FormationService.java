package dev.paas.api.formation;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.event.Tx;
import dev.paas.api.instance.Scheduler;
import dev.paas.api.log.PlatformLog;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.api.release.ReleaseRow;
import dev.paas.client.EventKind;
import dev.paas.client.ProcessTypes;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Scaling process types of the current release. Scaling makes no release. */
public final class FormationService {
    private final Transactions transactions;
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final FormationRepository formations;
    private final Scheduler scheduler;
    private final PlatformLog log;

    public FormationService(Transactions transactions, AppRepository apps, ReleaseRepository releases,
                            FormationRepository formations, Scheduler scheduler, PlatformLog log) {
        this.transactions = transactions;
        this.apps = apps;
        this.releases = releases;
        this.formations = formations;
        this.scheduler = scheduler;
        this.log = log;
    }

    public List<Wire.Formation> list(AppRow app) {
        return current(transactions.dsl(), app);
    }

    Wire.Formation show(AppRow app, String type) {
        return list(app).stream().filter(f -> f.type().equals(type)).findFirst()
                .orElseThrow(() -> ApiFailure.notFound("Couldn't find process type '" + type + "' in the formation."));
    }

    /** Applies {@code requested} under the app's lock; returns the whole formation after it. */
    public List<Wire.Formation> update(AppRow app, User by, List<ScaleRequest> requested) {
        return transactions.result(tx -> updateIn(tx, app, by, types(tx.dsl(), app.id()),
                now -> requested == null ? null
                        : requested.stream().map(r -> r == null ? null : r.resolve(now)).toList()));
    }

    /**
     * Within the caller's transaction, after it appended a release: scales that release's process types, so a
     * first deploy starts with the formation its app.json asks for (the builder sends it with the deploy).
     */
    public List<Wire.Formation> updateIn(Tx tx, AppRow app, User by, ReleaseRow release,
                                         List<Wire.FormationUpdate> requested) {
        // That release's types, not the current one's: with a release phase it is pending, and on a first
        // deploy there is no current release at all.
        return updateIn(tx, app, by, formationTypes(release), now -> requested);
    }

    private List<Wire.Formation> updateIn(Tx tx, AppRow app, User by, Set<String> known,
                                          Function<Map<String, Integer>, List<Wire.FormationUpdate>> requested) {
        var db = tx.dsl();
        apps.lock(db, app.id());
        var before = formations.list(db, app.id(), known);
        Map<String, Integer> now = before.stream().collect(Collectors.toMap(FormationRow::type,
                FormationRow::quantity, (a, b) -> a));
        var updates = FormationPlan.validate(requested.apply(now), known);
        FormationPlan.refuseIfNeverFits(before, updates, scheduler.capacities(db));
        for (var u : updates) {
            formations.update(db, app.id(), u.type(), u.quantity(), u.size());
            if (u.size() != null && before.stream().anyMatch(f -> f.type().equals(u.type())
                    && !f.size().equals(u.size()))) {
                scheduler.resized(db, app.id(), u.type());
            }
        }
        scheduler.reschedule(tx, app.id());
        var result = current(db, app);
        tx.announce(app.id(), EventKind.FORMATION_UPDATED, Map.of("formation", result.stream()
                .map(f -> Map.of("type", f.type(), "quantity", f.quantity(), "size", f.size())).toList()));
        var changed = updates.stream().map(Wire.FormationUpdate::type).collect(Collectors.toSet());
        log.say(tx, app.id(), "Scaled to " + result.stream().filter(f -> changed.contains(f.type()))
                .map(f -> f.type() + "@" + f.quantity() + ":" + f.size())
                .collect(Collectors.joining(" ")) + " by user " + by.email());
        return result;
    }

    private Set<String> types(DSLContext db, UUID appId) {
        return releases.current(db, appId).map(FormationService::formationTypes).orElse(Set.of());
    }

    private static Set<String> formationTypes(ReleaseRow release) {
        return release.processTypes().keySet().stream().filter(t -> !ProcessTypes.isReleasePhase(t))
                .collect(Collectors.toSet());
    }

    private List<Wire.Formation> current(DSLContext db, AppRow app) {
        Map<String, String> commands = releases.current(db, app.id()).map(ReleaseRow::processTypes).orElse(Map.of());
        return formations.list(db, app.id(), types(db, app.id())).stream()
                .map(f -> new Wire.Formation(f.id(), new Wire.AppRef(app.id(), app.name()), f.type(), f.quantity(),
                        f.size(), commands.get(f.type()), f.createdAt().toInstant(), f.updatedAt().toInstant()))
                .toList();
    }
}
