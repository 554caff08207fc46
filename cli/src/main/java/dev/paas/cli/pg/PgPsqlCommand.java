package dev.paas.cli.pg;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import dev.paas.cli.run.RunCommand;
import dev.paas.client.Wire;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code paas pg:psql}: psql against the app's Postgres, run as a one-off process of the app, since
 * only the app's own containers reach its add-on. The SQL is given with {@code -c}, or read from
 * standard input; the output comes back as {@code paas run}'s does.
 */
@Command(name = "pg:psql", aliases = "psql", description = "Run SQL with psql against the app's Postgres, "
        + "through a one-off process: paas pg:psql -a APP -c 'select 1'.")
public final class PgPsqlCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "0..1", paramLabel = "DATABASE", description = "the attachment, such as DATABASE (default)")
    String database;
    @Option(names = {"-c", "--command"}, paramLabel = "SQL", description = "the SQL to run (else read from stdin)")
    String command;

    PgPsqlCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var client = session.client();
        String attachment = (database == null ? "DATABASE" : database).toUpperCase(Locale.ROOT)
                .replaceFirst("_URL$", "");
        var postgres = client.attachments(name).stream()
                .filter(a -> a.name().equals(attachment) || a.addon().name().equalsIgnoreCase(attachment))
                .findFirst().orElseThrow(() -> new UserError(name + " has no Postgres attached as " + attachment
                        + ". Create one with `paas addons:create heroku-postgresql -a " + name + "`."));
        String service = client.addon(postgres.addon().id().toString()).addonService().name();
        if (!"heroku-postgresql".equals(service)) {
            throw new UserError(postgres.name() + " on " + name + " is " + postgres.addon().name() + ", a " + service
                    + " add-on: pg:psql runs SQL against heroku-postgresql add-ons only.");
        }
        String sql = command != null ? command : stdin();
        if (sql.isBlank()) {
            throw new UserError("No SQL to run: give it with -c 'SQL' or on standard input.");
        }
        String var = postgres.name() + "_URL";
        String line = "psql \"$" + var + "\" -v ON_ERROR_STOP=1 -c " + quote(sql);
        session.action("Running psql against " + postgres.addon().name() + " on " + Format.app(name));
        Wire.Dyno dyno = client.createDyno(name, new Wire.DynoCreate(line, true, null));
        session.done(", " + dyno.name());
        return RunCommand.attach(session, name, dyno);
    }

    private String stdin() {
        var lines = new ArrayList<String>();
        for (String l = session.readLine(""); l != null; l = session.readLine("")) {
            lines.add(l);
        }
        return String.join("\n", lines);
    }

    /** One shell word: the SQL never reaches the shell as anything but psql's argument. */
    static String quote(String sql) {
        return "'" + sql.replace("'", "'\\''") + "'";
    }
}
