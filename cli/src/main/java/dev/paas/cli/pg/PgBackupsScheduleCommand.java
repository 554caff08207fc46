package dev.paas.cli.pg;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pg:backups:schedule", description = "Capture a backup daily: paas pg:backups:schedule --at "
        + "'02:00 UTC' -a APP.")
public final class PgBackupsScheduleCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "0..1", paramLabel = "DATABASE", description = "the add-on or attachment; DATABASE by default")
    String database;
    @Option(names = "--at", required = true, paramLabel = "'HH:00 UTC'", description = "the hour of the day, in UTC")
    String at;
    @Option(names = "--retain", paramLabel = "N", description = "how many scheduled backups to keep (7)")
    Integer retain;

    PgBackupsScheduleCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        int hour = PgBackups.hourUtc(at);
        String name = app.resolve(session);
        String addon = PgBackups.database(session, name, database);
        session.action("Scheduling daily backups of " + addon + " at " + String.format("%02d:00 UTC", hour));
        var schedule = session.client().scheduleBackups(addon, hour, retain);
        session.done(", keeping " + schedule.retain());
        return 0;
    }
}
