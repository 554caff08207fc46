package dev.paas.cli.pg;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "pg:backups:schedules", description = "List the daily backup schedules of an app's databases.")
public final class PgBackupsSchedulesCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    PgBackupsSchedulesCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var schedules = session.client().backupSchedules(name);
        if (json.json) {
            session.printJson(schedules);
            return 0;
        }
        var out = session.out();
        if (schedules.isEmpty()) {
            out.println("No backup schedules for " + Format.app(name) + ". Set one with `paas pg:backups:schedule "
                    + "--at '02:00 UTC' -a " + name + "`.");
            return 0;
        }
        out.println(Format.header("Backup Schedules"));
        schedules.forEach(s -> out.println(s.addon().name() + ": daily at " + String.format("%02d:00 UTC",
                s.hourUtc()) + " (keeping " + s.retain() + ")"));
        return 0;
    }
}
