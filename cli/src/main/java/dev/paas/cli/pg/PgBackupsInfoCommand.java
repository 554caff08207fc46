package dev.paas.cli.pg;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "pg:backups:info", description = "Show a backup (the newest completed one by default).")
public final class PgBackupsInfoCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;
    @Parameters(arity = "0..1", paramLabel = "BACKUP", description = "b001, or APP::b001")
    String backup;

    PgBackupsInfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var b = PgBackups.find(session, app.resolve(session), backup);
        if (json.json) {
            session.printJson(b);
            return 0;
        }
        var fields = new LinkedHashMap<String, String>();
        fields.put("Database", b.addon().name());
        fields.put("Type", b.kind().equals("scheduled") ? "Scheduled" : "Manual");
        fields.put("Status", PgBackupsCommand.status(b));
        if (b.reason() != null) {
            fields.put("Reason", b.reason());
        }
        fields.put("Created at", Format.time(b.createdAt()));
        if (b.sizeBytes() != null) {
            fields.put("Backup size", PgBackups.size(b.sizeBytes()) + " (" + b.sizeBytes() + " bytes)");
        }
        session.out().println(Format.header("Backup " + b.name()));
        session.out().println(Format.aligned(fields));
        return 0;
    }
}
