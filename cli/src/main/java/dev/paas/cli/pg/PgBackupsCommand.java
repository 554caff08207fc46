package dev.paas.cli.pg;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import dev.paas.client.Wire;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "pg:backups", description = "List the backups of an app's Postgres databases.")
public final class PgBackupsCommand implements Callable<Integer> {
    private static final String ROW = "%-5s %-26s %-40s %-8s %s";
    private final Session session;
    @Mixin
    AppOption app;
    @Mixin
    JsonOption json;

    PgBackupsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var backups = session.client().backups(name);
        if (json.json) {
            session.printJson(backups);
            return 0;
        }
        var out = session.out();
        out.println(Format.header("Backups"));
        if (backups.isEmpty()) {
            out.println("No backups. Capture one with `paas pg:backups:capture -a " + name + "`.");
            return 0;
        }
        out.println(String.format(ROW, "ID", "Created at", "Status", "Size", "Database"));
        out.println(String.format(ROW, "─".repeat(4), "─".repeat(25), "─".repeat(39), "─".repeat(7), "─".repeat(8)));
        backups.forEach(b -> out.println(String.format(ROW, b.name(), Format.time(b.createdAt()), status(b),
                PgBackups.size(b.sizeBytes()), b.addon().name())));
        return 0;
    }

    static String status(Wire.Backup b) {
        return switch (b.state()) {
            case "completed" -> "Completed " + Format.time(b.finishedAt());
            case "failed" -> "Failed " + Format.time(b.finishedAt());
            case "running" -> "Running (started " + Format.time(b.startedAt()) + ")";
            default -> "Pending";
        };
    }
}
