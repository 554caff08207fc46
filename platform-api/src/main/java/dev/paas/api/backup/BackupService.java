package dev.paas.api.backup;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.User;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.error.Constraints;
import dev.paas.api.event.Transactions;
import dev.paas.api.event.Tx;
import dev.paas.api.log.PlatformLog;
import dev.paas.client.EventKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.exception.DataAccessException;

/**
 * Users' side of Postgres backups: capture, list, download, restore, delete, schedule. Anyone who can
 * access an app the add-on is attached to sees and captures its backups; what overwrites or deletes
 * data (restore into an add-on, delete a backup) needs the owning app's access and its name as confirm.
 */
public final class BackupService {
    private final Transactions transactions;
    private final BackupRepository backups = new BackupRepository();
    private final RestoreRepository restores = new RestoreRepository();
    private final AppRepository apps;
    private final BackupStore store;
    private final PlatformLog log;
    private final int manualLimit;

    /** @param manualLimit manual backups an add-on keeps at most: each is a dump on the platform's disk */
    public BackupService(Transactions transactions, AppRepository apps, BackupStore store, PlatformLog log,
                         int manualLimit) {
        this.manualLimit = manualLimit;
        this.transactions = transactions;
        this.apps = apps;
        this.store = store;
        this.log = log;
    }

    /** A Postgres add-on the user may see; anyone else gets the same 404 as for a missing one. */
    BackupAddon addon(User user, String idOrName) {
        var dsl = transactions.dsl();
        var addon = backups.addon(dsl, idOrName).filter(a -> visible(user, a))
                .orElseThrow(() -> ApiFailure.notFound("Couldn't find add-on " + idOrName
                        + ". See `paas addons -a APP`."));
        if (!addon.postgres()) {
            throw ApiFailure.invalid("Add-on " + addon.name() + " is " + addon.service()
                    + ": backups are for heroku-postgresql add-ons.");
        }
        return addon;
    }

    /** Backups of the app's Postgres add-ons, newest first. */
    List<BackupRow> list(AppRow app) {
        return backups.of(transactions.dsl(), backups.postgresOf(transactions.dsl(), app.id()));
    }

    List<BackupRow> list(BackupAddon addon) {
        return backups.of(transactions.dsl(), List.of(addon.id()));
    }

    /** {@code ref}: b001 (or 1), the backup's id, or {@code latest} (the newest completed one). */
    BackupRow backup(BackupAddon addon, String ref) {
        var dsl = transactions.dsl();
        String r = ref == null ? "" : ref.strip().toLowerCase(java.util.Locale.ROOT);
        java.util.Optional<BackupRow> found;
        if (r.equals("latest")) {
            found = backups.latestCompleted(dsl, addon.id());
            if (found.isEmpty()) {
                throw ApiFailure.notFound(addon.name() + " has no completed backup yet. Capture one with "
                        + "`paas pg:backups:capture " + addon.name() + " -a " + addon.appName() + "`.");
            }
        } else if (r.matches("b?\\d{1,9}")) {
            found = backups.byNumber(dsl, addon.id(), Integer.parseInt(r.replace("b", "")));
        } else {
            found = uuid(r).flatMap(id -> backups.byId(dsl, id)).filter(b -> b.addonId().equals(addon.id()));
        }
        return found.orElseThrow(() -> ApiFailure.notFound("Couldn't find backup " + ref + " of " + addon.name()
                + ". See `paas pg:backups -a " + addon.appName() + "`."));
    }

    /** A new capture, pending until the add-on's agent takes it; one at a time per add-on. */
    BackupRow capture(User user, BackupAddon addon) {
        return capture(addon, BackupRow.CAPTURE, user.id(), "by user " + user.email());
    }

    BackupRow capture(BackupAddon addon, String kind, UUID userId, String by) {
        if (!BackupAddon.PROVISIONED.equals(addon.state())) {
            throw ApiFailure.invalid(addon.name() + " is still " + addon.state() + ": capture once it is provisioned "
                    + "(`paas addons:info " + addon.name() + "`).");
        }
        try {
            return transactions.result(tx -> {
                backups.lockAddon(tx.dsl(), addon.id());
                if (BackupRow.CAPTURE.equals(kind) && backups.kept(tx.dsl(), addon.id(), kind) >= manualLimit) {
                    throw ApiFailure.invalid(addon.name() + " has " + manualLimit + " manual backups, the most an "
                            + "add-on keeps. Delete one (`paas pg:backups:delete b001 -a " + addon.appName()
                            + " --confirm " + addon.appName() + "`) and capture again.");
                }
                var backup = backups.insert(tx.dsl(), addon, kind, userId);
                announce(tx, addon.appId(), backup.id(), backup.state());
                log.say(tx, addon.appId(), "Capturing backup " + backup.name() + " of " + addon.name() + " " + by);
                return backup;
            });
        } catch (DataAccessException e) {
            if (Constraints.uniqueViolation(e).filter("addon_backups_one_active_key"::equals).isPresent()) {
                throw ApiFailure.conflict("A backup of " + addon.name() + " is already being captured. Wait for it "
                        + "(`paas pg:backups -a " + addon.appName() + "`) and try again.");
            }
            throw e;
        }
    }

    /** A completed backup's dump; the caller closes it. */
    InputStream open(BackupRow backup) throws IOException {
        if (!backup.completed()) {
            throw ApiFailure.invalid("Backup " + backup.name() + " of " + backup.addonName() + " is " + backup.state()
                    + (backup.reason() == null ? "" : " (" + backup.reason() + ")") + ": only a completed backup can "
                    + "be downloaded or restored.");
        }
        try {
            return store.open(backup.id());
        } catch (java.nio.file.NoSuchFileException gone) {
            throw ApiFailure.notFound("The dump of backup " + backup.name() + " of " + backup.addonName()
                    + " is missing from the platform's storage. Capture another one.");
        }
    }

    long size(BackupRow backup) {
        return store.size(backup.id());
    }

    /**
     * Loads a completed backup into {@code targetName} (default: the backup's own add-on), replacing what
     * it holds: the target's owning app must be accessible to the user and named in {@code confirm}.
     */
    RestoreRow restore(User user, BackupRow backup, String targetName, String confirm) {
        BackupAddon target = targetName == null || targetName.isBlank() ? addon(user, backup.addonId().toString())
                : addon(user, targetName);
        if (apps.find(transactions.dsl(), user, target.appId().toString()).isEmpty()) {
            throw ApiFailure.notFound("Couldn't find add-on " + targetName + ". See `paas addons -a APP`.");
        }
        if (!backup.completed()) {
            throw ApiFailure.invalid("Backup " + backup.name() + " of " + backup.addonName() + " is " + backup.state()
                    + ": only a completed backup can be restored. See `paas pg:backups -a " + backup.appName() + "`.");
        }
        if (!BackupAddon.PROVISIONED.equals(target.state())) {
            throw ApiFailure.invalid(target.name() + " is still " + target.state() + ": restore once it is provisioned.");
        }
        if (confirm == null || !confirm.equals(target.appName())) {
            throw ApiFailure.invalid("Restoring " + backup.name() + " into " + target.name() + " replaces all of its "
                    + "data. To proceed, confirm with the app's name: --confirm " + target.appName()
                    + (confirm == null ? "." : " (got '" + confirm + "')."));
        }
        try {
            return transactions.result(tx -> {
                var restore = restores.insert(tx.dsl(), backup.id(), target.id(), user.id());
                announce(tx, target.appId(), restore.id(), restore.state());
                log.say(tx, target.appId(), "Restoring backup " + backup.name() + " of " + backup.addonName()
                        + " into " + target.name() + " by user " + user.email());
                return restore;
            });
        } catch (DataAccessException e) {
            if (Constraints.uniqueViolation(e).filter("addon_restores_one_active_key"::equals).isPresent()) {
                throw ApiFailure.conflict("A restore into " + target.name() + " is already running. Wait for it and "
                        + "try again.");
            }
            throw e;
        }
    }

    RestoreRow restoreOf(BackupAddon target, String id) {
        return uuid(id).flatMap(u -> restores.byId(transactions.dsl(), u))
                .filter(r -> r.targetAddonId().equals(target.id()))
                .orElseThrow(() -> ApiFailure.notFound("Couldn't find restore " + id + " into " + target.name() + "."));
    }

    List<RestoreRow> restoresInto(BackupAddon target) {
        return restores.into(transactions.dsl(), target.id());
    }

    /** Deletes a finished backup and its dump; {@code confirm} must name the add-on's owning app. */
    BackupRow delete(User user, BackupRow backup, String confirm) {
        if (apps.find(transactions.dsl(), user, backup.appId().toString()).isEmpty()) {
            throw ApiFailure.forbidden("Only users of " + backup.appName() + ", which owns " + backup.addonName()
                    + ", may delete its backups.");
        }
        if (confirm == null || !confirm.equals(backup.appName())) {
            throw ApiFailure.invalid("Deleting " + backup.name() + " of " + backup.addonName() + " cannot be undone. "
                    + "To proceed, confirm with the app's name: --confirm " + backup.appName()
                    + (confirm == null ? "." : " (got '" + confirm + "')."));
        }
        transactions.run(tx -> {
            backups.lockAddon(tx.dsl(), backup.addonId());
            remove(tx, backup);
            log.say(tx, backup.appId(), "Deleted backup " + backup.name() + " of " + backup.addonName()
                    + " by user " + user.email());
        });
        store.delete(backup.id());
        return backup;
    }

    /** In the caller's transaction, holding the add-on's lock; the dump is removed after it commits. */
    void remove(Tx tx, BackupRow backup) {
        var now = backups.byId(tx.dsl(), backup.id()).orElseThrow(() -> ApiFailure.notFound("Backup "
                + backup.name() + " was deleted meanwhile."));
        if (!now.finished()) {
            throw ApiFailure.conflict("Backup " + now.name() + " is still " + now.state() + ": delete it once it ended.");
        }
        if (restores.activeFrom(tx.dsl(), now.id())) {
            throw ApiFailure.conflict("Backup " + now.name() + " is being restored: delete it once that ended.");
        }
        backups.delete(tx.dsl(), now.id());
        announce(tx, now.appId(), now.id(), "deleted");
    }

    private boolean visible(User user, BackupAddon addon) {
        var dsl = transactions.dsl();
        return apps.find(dsl, user, addon.appId().toString()).isPresent()
                || backups.attachedApps(dsl, addon.id()).stream()
                .anyMatch(app -> apps.find(dsl, user, app.toString()).isPresent());
    }

    static void announce(Tx tx, UUID appId, UUID id, String state) {
        tx.announce(appId, EventKind.ADDON_BACKUP_CHANGED, Map.of("id", id, "state", state));
    }

    static java.util.Optional<UUID> uuid(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException notAUuid) {
            return java.util.Optional.empty();
        }
    }
}
