package dev.paas.cli.pg;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Streams the dump to a file (latest.dump by default, as Heroku's), through a temporary file beside it. */
@Command(name = "pg:backups:download", description = "Download a backup (the newest completed one by default).")
public final class PgBackupsDownloadCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Parameters(arity = "0..1", paramLabel = "BACKUP", description = "b001, or APP::b001")
    String backup;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write it (latest.dump)")
    String output;

    PgBackupsDownloadCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws IOException {
        var b = PgBackups.find(session, app.resolve(session), backup);
        var file = session.config().workDir().resolve(output == null ? "latest.dump" : output);
        var part = file.resolveSibling(file.getFileName() + ".part");
        session.action("Downloading " + b.name() + " of " + b.addon().name() + " to " + file.getFileName());
        long bytes;
        try (var out = Files.newOutputStream(part)) {
            bytes = session.client().downloadBackup(b.addon().name(), b.id().toString(), out);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError("Cannot write " + file + ": its directory does not exist.");
        } catch (RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        session.done(", " + PgBackups.size(bytes));
        return 0;
    }
}
