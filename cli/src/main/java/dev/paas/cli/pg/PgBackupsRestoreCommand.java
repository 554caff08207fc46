package dev.paas.cli.pg;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Replaces the target database's data with a backup's; the target's app must be typed or given as --confirm. */
@Command(name = "pg:backups:restore", description = "Restore a backup (newest by default) into a database "
        + "(DATABASE by default), replacing its data.")
public final class PgBackupsRestoreCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP", description = "b001, or APP::b001")
    String backup;
    @Parameters(index = "1", arity = "0..1", paramLabel = "DATABASE", description = "the add-on or attachment to "
            + "restore into; DATABASE by default")
    String database;
    @Option(names = "--confirm", paramLabel = "APP", description = "the target's app, to confirm")
    String confirm;
    @Option(names = "--no-wait", description = "start it and return")
    boolean noWait;

    PgBackupsRestoreCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws InterruptedException {
        String name = app.resolve(session);
        var b = PgBackups.find(session, name, backup);
        String target = PgBackups.database(session, name, database);
        String owner = session.client().addon(target).app().name();
        String typed = confirm != null ? confirm
                : session.readLine(" ▸    WARNING: Destructive Action\n ▸    This command will replace all data in "
                        + target + " of " + owner + " with " + b.name() + ".\n ▸    To proceed, type " + owner
                        + " or re-run this command with --confirm " + owner + "\n\n> ");
        if (typed == null || !typed.trim().equals(owner)) {
            throw new UserError("Confirmation " + (typed == null ? "missing" : "'" + typed.trim() + "'")
                    + " did not match " + owner + ". To proceed, type " + owner
                    + " or re-run this command with --confirm " + owner);
        }
        session.action("Starting restore of " + b.name() + " to " + target);
        var restore = session.client().restoreBackup(b.addon().name(), b.id().toString(), target, typed.trim());
        session.done("");
        if (noWait) {
            return 0;
        }
        session.action("Restoring");
        var ended = PgBackups.awaitRestore(session, restore);
        if (!"completed".equals(ended.state())) {
            throw new UserError("Restore of " + b.name() + " into " + target + " " + ended.state()
                    + (ended.reason() == null ? "" : ": " + ended.reason()) + ".");
        }
        session.done("");
        return 0;
    }
}
