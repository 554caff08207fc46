package dev.paas.cli.pg;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pg:backups:capture", description = "Capture a backup of a Postgres database (DATABASE by default).")
public final class PgBackupsCaptureCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "0..1", paramLabel = "DATABASE", description = "the add-on or attachment; DATABASE by default")
    String database;
    @Option(names = "--no-wait", description = "start it and return")
    boolean noWait;

    PgBackupsCaptureCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws InterruptedException {
        String name = app.resolve(session);
        String addon = PgBackups.database(session, name, database);
        session.action("Starting backup of " + addon);
        var backup = session.client().captureBackup(addon);
        session.done("");
        var out = session.out();
        if (noWait) {
            out.println("Use `paas pg:backups:info " + backup.name() + " -a " + name + "` to check progress.");
            return 0;
        }
        session.action("Backing up " + addon + " to " + backup.name());
        var ended = PgBackups.awaitBackup(session, backup);
        if (!"completed".equals(ended.state())) {
            throw new UserError("Backup " + ended.name() + " " + ended.state()
                    + (ended.reason() == null ? "" : ": " + ended.reason()) + ". See `paas pg:backups:info "
                    + ended.name() + " -a " + name + "`.");
        }
        session.done(", " + PgBackups.size(ended.sizeBytes()));
        out.println("Backup " + ended.name() + " of " + addon + " completed. Download it with `paas pg:backups:download "
                + ended.name() + " -a " + name + "`.");
        return 0;
    }
}
