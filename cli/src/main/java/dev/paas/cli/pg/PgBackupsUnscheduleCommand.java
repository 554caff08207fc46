package dev.paas.cli.pg;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "pg:backups:unschedule", description = "Stop daily backups of a database (its backups stay).")
public final class PgBackupsUnscheduleCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "0..1", paramLabel = "DATABASE", description = "the add-on or attachment; DATABASE by default")
    String database;

    PgBackupsUnscheduleCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        String addon = PgBackups.database(session, name, database);
        session.action("Stopping daily backups of " + addon);
        session.client().unscheduleBackups(addon);
        session.done("");
        return 0;
    }
}
