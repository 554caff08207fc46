package dev.paas.agent.backup;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/** pg_dump and pg_restore next to an add-on's database; {@link DockerBackups} is the real one. */
public interface BackupRuntime {
    /** Writes a custom-format dump of the add-on's database to {@code out}; throws, with pg_dump's words, on failure. */
    void dump(UUID addonId, String user, String password, OutputStream out);

    /** Loads a custom-format dump into the add-on's database, replacing the objects it holds, in one transaction. */
    void restore(UUID addonId, String user, String password, InputStream dump);
}
