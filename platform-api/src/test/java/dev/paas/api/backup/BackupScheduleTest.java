package dev.paas.api.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BackupScheduleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // case, hour, scheduled at, last scheduled capture, now, due
            "made after today's hour: not until tomorrow,      2, 2026-03-10T10:00Z, -,                 2026-03-10T23:59Z, false",
            "the next day at the hour,                         2, 2026-03-10T10:00Z, -,                 2026-03-11T02:00Z, true",
            "the next day before the hour,                     2, 2026-03-10T10:00Z, -,                 2026-03-11T01:59Z, false",
            "made before today's hour: today,                  2, 2026-03-10T01:00Z, -,                 2026-03-10T02:30Z, true",
            "captured at today's mark already,                 2, 2026-03-01T00:00Z, 2026-03-10T02:00:30Z, 2026-03-10T05:00Z, false",
            "captured yesterday: due again at today's hour,    2, 2026-03-01T00:00Z, 2026-03-09T02:00:30Z, 2026-03-10T02:00Z, true",
            "captured yesterday: not before today's hour,      2, 2026-03-01T00:00Z, 2026-03-09T02:00:30Z, 2026-03-10T01:00Z, false",
            "down for days: one catch-up capture,              2, 2026-03-01T00:00Z, 2026-03-05T02:00:30Z, 2026-03-10T09:00Z, true",
            "hour 23 reached just before midnight,            23, 2026-03-01T00:00Z, 2026-03-09T23:00:10Z, 2026-03-10T23:00Z, true",
            "hour 0 of the next day,                           0, 2026-03-10T12:00Z, -,                 2026-03-11T00:00:01Z, true",
    })
    void a_daily_capture_is_due_once_per_passed_hour_mark(String what, int hour, String scheduledAt, String last,
                                                           String now, boolean due) {
        assertThat(BackupSchedule.due(hour, OffsetDateTime.parse(scheduledAt),
                last == null ? null : OffsetDateTime.parse(last), OffsetDateTime.parse(now).toInstant())).as(what).isEqualTo(due);
    }

    @Test
    void retention_keeps_the_newest_completed_and_failures_newer_than_the_oldest_kept() {
        var b7 = backup(7, "running");
        var b6 = backup(6, "failed");
        var b5 = backup(5, "completed");
        var b4 = backup(4, "completed");
        var b3 = backup(3, "failed");
        var b2 = backup(2, "completed");
        var b1 = backup(1, "completed");
        var newestFirst = List.of(b7, b6, b5, b4, b3, b2, b1);

        assertThat(BackupSchedule.expired(newestFirst, 2)).containsExactly(b3, b2, b1);
        assertThat(BackupSchedule.expired(newestFirst, 1)).containsExactly(b4, b3, b2, b1);
        assertThat(BackupSchedule.expired(newestFirst, 4)).isEmpty();
        assertThat(BackupSchedule.expired(List.of(b7, b6), 1)).as("no completed one: failures stay").isEmpty();
    }

    private static BackupRow backup(int number, String state) {
        return new BackupRow(UUID.randomUUID(), UUID.randomUUID(), "postgresql-x", UUID.randomUUID(), "shop", number,
                BackupRow.SCHEDULED, state, null, "completed".equals(state) ? 1L : null, "postgresql-x", 1,
                OffsetDateTime.parse("2026-03-01T02:00Z").plusDays(number), null, null);
    }
}
