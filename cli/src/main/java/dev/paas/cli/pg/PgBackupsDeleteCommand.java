package dev.paas.cli.pg;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pg:backups:delete", description = "Delete a backup and its dump.")
public final class PgBackupsDeleteCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(paramLabel = "BACKUP", description = "b001, or ADDON::b001")
    String backup;
    @Option(names = "--confirm", paramLabel = "APP", description = "the database's app, to confirm")
    String confirm;

    PgBackupsDeleteCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var b = PgBackups.find(session, app.resolve(session), backup);
        String owner = b.app().name();
        String typed = confirm != null ? confirm
                : session.readLine(" ▸    WARNING: Destructive Action\n ▸    This command will delete " + b.name()
                        + " of " + b.addon().name() + ".\n ▸    To proceed, type " + owner
                        + " or re-run this command with --confirm " + owner + "\n\n> ");
        if (typed == null || !typed.trim().equals(owner)) {
            throw new UserError("Confirmation " + (typed == null ? "missing" : "'" + typed.trim() + "'")
                    + " did not match " + owner + ". To proceed, type " + owner
                    + " or re-run this command with --confirm " + owner);
        }
        session.action("Deleting backup " + b.name() + " of " + b.addon().name());
        session.client().deleteBackup(b.addon().name(), b.id().toString(), typed.trim());
        session.done("");
        return 0;
    }
}
