package dev.paas.api.instance;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.log.PlatformLog;
import dev.paas.api.release.ReleaseRepository;
import dev.paas.client.EventKind;
import dev.paas.client.DynoSize;
import dev.paas.client.ProcessState;
import dev.paas.client.ProcessTypes;
import dev.paas.client.Wire;
import java.time.Instant;
import java.util.Map;

/** One-off processes: placed on one agent with room, from the current release, run once. */
public final class OneOffService {
    private final Transactions transactions;
    private final AppRepository apps;
    private final ReleaseRepository releases;
    private final OneOffRepository oneOffs;
    private final Scheduler scheduler;
    private final PlatformLog log;

    public OneOffService(Transactions transactions, AppRepository apps, ReleaseRepository releases,
                         OneOffRepository oneOffs, Scheduler scheduler, PlatformLog log) {
        this.transactions = transactions;
        this.apps = apps;
        this.releases = releases;
        this.oneOffs = oneOffs;
        this.scheduler = scheduler;
        this.log = log;
    }

    Wire.Dyno start(AppRow app, User user, String command, DynoSize size, boolean attach) {
        return transactions.result(tx -> {
            var db = tx.dsl();
            apps.lock(db, app.id());
            var release = releases.current(db, app.id()).filter(r -> r.image() != null).orElseThrow(() ->
                    ApiFailure.invalid("App " + app.name() + " has no release with a build to run the command in: "
                            + "deploy first (git push paas main)."));
            var agent = scheduler.placeOneOff(db, app.id(), size.memoryMb()).orElseThrow(() ->
                    ApiFailure.unavailable("No runtime agent has room for a " + size.wireName() + " process now: "
                            + "start an agent or scale something down, then retry."));
            int number = oneOffs.create(db, app.id(), release.version(), command, size.wireName(), attach,
                    agent, user.id());
            String name = "run." + number;
            tx.announce(app.id(), EventKind.DYNO_CREATED, Map.of("name", name, "agent", agent.toString()));
            log.say(tx, app.id(), "Starting process with command `" + command + "` by user " + user.email());
            return new Wire.Dyno(null, name, ProcessTypes.ONE_OFF, ProcessState.STARTING, release.version(), size.wireName(), command,
                    null, null, null, Instant.now());
        });
    }
}
