package dev.paas.cli.pg;

import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import dev.paas.client.Wire;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the pg:backups commands share: finding the database and the backup, waiting, sizes, the --at time. */
final class PgBackups {
    static final Duration WAIT = Duration.ofMinutes(60);
    private static final Pattern AT = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?(?:\\s*(UTC|Z|GMT|\\+00:?00))?",
            Pattern.CASE_INSENSITIVE);

    private PgBackups() {
    }

    /** The add-on named, or attached to the app as {@code database} (DATABASE by default): its name. */
    static String database(Session session, String app, String database) {
        String wanted = database == null ? "DATABASE" : database;
        String attachment = wanted.toUpperCase(Locale.ROOT).replaceFirst("_URL$", "");
        return session.client().attachments(app).stream()
                .filter(a -> a.name().equals(attachment) || a.addon().name().equalsIgnoreCase(wanted))
                .map(a -> a.addon().name()).findFirst()
                .orElseThrow(() -> new UserError(app + " has no Postgres attached as " + wanted + ". See `paas addons -a "
                        + app + "`, or create one with `paas addons:create heroku-postgresql -a " + app + "`."));
    }

    /**
     * A backup of the app's databases: {@code b001}, {@code APP::b001} (another app's) or {@code ADDON::b001};
     * null is the newest completed one of the app's DATABASE.
     */
    static Wire.Backup find(Session session, String app, String ref) {
        var client = session.client();
        if (ref == null) {
            String database = database(session, app, null);
            return client.backup(database, "latest");
        }
        String owner = app;
        String name = ref;
        int split = ref.indexOf("::");
        if (split >= 0) {
            owner = ref.substring(0, split);
            name = ref.substring(split + 2);
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        String prefix = owner;
        var backups = client.backups(app);
        if (split >= 0) {
            var ofAddon = backups.stream().filter(b -> b.addon().name().equals(prefix)).toList();
            backups = ofAddon.isEmpty() ? client.backups(owner) : ofAddon;
        }
        var matches = backups.stream().filter(b -> b.name().equals(wanted) || b.id().toString().equals(wanted)).toList();
        if (matches.isEmpty()) {
            throw new UserError("Couldn't find backup " + ref + ". See `paas pg:backups -a " + owner + "`.");
        }
        if (matches.size() > 1) {
            throw new UserError(name + " names backups of " + String.join(" and ", matches.stream()
                    .map(b -> b.addon().name()).toList()) + ": say which, as ADDON::" + name + ".");
        }
        return matches.getFirst();
    }

    /** Polls until the backup ended, saying each new state; the last one seen. */
    static Wire.Backup awaitBackup(Session session, Wire.Backup backup) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        var now = backup;
        while (now.state().matches("pending|running") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            now = session.client().backup(now.addon().name(), now.id().toString());
        }
        return now;
    }

    static Wire.BackupRestore awaitRestore(Session session, Wire.BackupRestore restore) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        var now = restore;
        while (now.state().matches("pending|running") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            now = session.client().restore(now.target().name(), now.id().toString());
        }
        return now;
    }

    static String size(Long bytes) {
        if (bytes == null) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + "B";
        }
        String units = "kMGT";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length() - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f%sB", value, units.charAt(unit));
    }

    /** {@code --at}: an hour in UTC, as {@code 02:00 UTC}, {@code 2:00}, {@code 14}; minutes must be 00. */
    static int hourUtc(String at) {
        var m = at == null ? null : AT.matcher(at.strip());
        if (m == null || !m.matches() || Integer.parseInt(m.group(1)) > 23
                || (m.group(2) != null && !m.group(2).equals("00"))) {
            throw new UserError("--at takes an hour in UTC, such as '02:00 UTC' (backups start on the hour), got '"
                    + at + "'.");
        }
        return Integer.parseInt(m.group(1));
    }
}
