package dev.paas.api.instance;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.api.log.PlatformLog;
import dev.paas.client.EventKind;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;

/** An app's processes as the agents see them; restarting and stopping them (Heroku's ps:restart, ps:stop). */
public final class DynoService {
    private final Transactions transactions;
    private final AppRepository apps;
    private final InstanceRepository instances;
    private final OneOffRepository oneOffs;
    private final Scheduler scheduler;
    private final PlatformLog log;

    public DynoService(Transactions transactions, AppRepository apps, InstanceRepository instances,
                       OneOffRepository oneOffs, Scheduler scheduler, PlatformLog log) {
        this.transactions = transactions;
        this.apps = apps;
        this.instances = instances;
        this.oneOffs = oneOffs;
        this.scheduler = scheduler;
        this.log = log;
    }

    public List<Wire.Dyno> list(AppRow app) {
        var db = transactions.dsl();
        return instances.dynos(db, app.id(), scheduler.placementReasons(db, app.id()));
    }

    /** Restarts all processes ({@code dyno} null), one process type ({@code web}) or one process ({@code web.2}). */
    void restart(AppRow app, User user, String dyno) {
        String parsedType = dyno;
        Integer parsedIndex = null;
        if (dyno != null && dyno.matches("[a-z][a-z0-9_-]*\\.\\d{1,3}")) {
            parsedType = dyno.substring(0, dyno.indexOf('.'));
            parsedIndex = Integer.parseInt(dyno.substring(dyno.indexOf('.') + 1));
        } else if (dyno != null && !dyno.matches("[a-z][a-z0-9_-]*")) {
            throw ApiFailure.invalid("Name a process type (web) or a process (web.1), got '" + dyno + "'.");
        }
        String type = parsedType;
        Integer index = parsedIndex;
        String what = dyno == null ? "all processes" : dyno;
        transactions.run(tx -> {
            apps.lock(tx.dsl(), app.id());
            if (instances.restart(tx.dsl(), app.id(), type, index) == 0) {
                throw ApiFailure.notFound("No " + what + " to restart on " + app.name() + ": see `paas ps`.");
            }
            tx.announce(app.id(), EventKind.DYNOS_RESTARTED, Map.of("dyno", what));
            log.say(tx, app.id(), "Restart " + (dyno == null ? "" : dyno + " ") + "by user " + user.email());
        });
    }

    /** Ends one-off {@code name} ({@code run.N} or {@code release.N}, numbered together) for good. */
    void stopOneOff(AppRow app, User user, String name, int number) {
        transactions.run(tx -> {
            apps.lock(tx.dsl(), app.id());
            if (!oneOffs.stop(tx.dsl(), app.id(), name.substring(0, name.indexOf('.')), number)) {
                throw ApiFailure.notFound("No running " + name + " on " + app.name() + ": see `heroku ps`.");
            }
            log.say(tx, app.id(), "Stopping " + name + " by user " + user.email());
            tx.announce(app.id(), EventKind.DYNO_STOPPED, Map.of("dyno", name));
        });
    }

    /** Stops a process of the formation (or a whole type): the formation starts it again, so a restart. */
    void stopFormation(AppRow app, User user, String type, Integer index) {
        String what = index == null ? type : type + "." + index;
        transactions.run(tx -> {
            apps.lock(tx.dsl(), app.id());
            if (instances.restart(tx.dsl(), app.id(), type, index) == 0) {
                throw ApiFailure.notFound("No " + what + " to stop on " + app.name() + ": see `heroku ps`.");
            }
            log.say(tx, app.id(), "Stopping " + what + " by user " + user.email()
                    + " (the formation starts it again; scale to 0 to keep it stopped)");
            tx.announce(app.id(), EventKind.DYNO_STOPPED, Map.of("dyno", what));
        });
    }
}
