package dev.paas.api.backup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The schedule's decisions, pure: when a daily capture is due, which scheduled backups have expired. */
final class BackupSchedule {
    private BackupSchedule() {
    }

    /**
     * A capture is due once the latest {@code hourUtc}:00 mark before {@code now} has passed since the
     * schedule was made and since its last capture: a schedule made at 10:00 for 02:00 first captures the
     * next day, and an API that was down at 02:00 catches up once when it is back, not once per day missed.
     */
    static boolean due(int hourUtc, OffsetDateTime scheduledAt, OffsetDateTime lastCapture, Instant now) {
        var today = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withHour(hourUtc);
        var mark = today.toInstant().isAfter(now) ? today.minusDays(1) : today;
        return mark.toInstant().isAfter(scheduledAt.toInstant())
                && (lastCapture == null || mark.toInstant().isAfter(lastCapture.toInstant()));
    }

    /**
     * The scheduled backups to delete, given newest first: the newest {@code retain} completed ones stay,
     * with any newer than the oldest of those (a failure stays in sight until completed ones pass it);
     * unfinished ones always stay.
     */
    static List<BackupRow> expired(List<BackupRow> newestFirst, int retain) {
        var out = new ArrayList<BackupRow>();
        int completed = 0;
        for (BackupRow b : newestFirst) {
            if (!b.finished()) {
                continue;
            }
            if (completed >= retain) {
                out.add(b);
            } else if (b.completed()) {
                completed++;
            }
        }
        return out;
    }
}
