package dev.paas.api.backup;

import dev.paas.client.Wire;
import java.time.OffsetDateTime;

/** The wire shapes of backups, restores and schedules. */
final class BackupWire {
    private BackupWire() {
    }

    static Wire.Backup backup(BackupRow b) {
        return new Wire.Backup(b.id(), b.name(), b.number(), new Wire.IdRef(b.addonId(), b.addonName()),
                new Wire.AppRef(b.appId(), b.appName()), b.kind(), b.state(), b.reason(), b.sizeBytes(),
                b.sourceName(), instant(b.createdAt()), instant(b.startedAt()), instant(b.finishedAt()));
    }

    static Wire.BackupRestore restore(RestoreRow r) {
        return new Wire.BackupRestore(r.id(), r.backupId() == null ? null : new Wire.IdRef(r.backupId(), r.backupName()),
                r.sourceAddonId() == null ? null : new Wire.IdRef(r.sourceAddonId(), r.sourceAddonName()),
                new Wire.IdRef(r.targetAddonId(), r.targetAddonName()), r.state(), r.reason(), instant(r.createdAt()),
                instant(r.startedAt()), instant(r.finishedAt()));
    }

    static Wire.BackupSchedule schedule(ScheduleRow s) {
        return new Wire.BackupSchedule(new Wire.IdRef(s.addonId(), s.addonName()), new Wire.AppRef(s.appId(),
                s.appName()), s.hourUtc(), s.retain(), instant(s.createdAt()));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
