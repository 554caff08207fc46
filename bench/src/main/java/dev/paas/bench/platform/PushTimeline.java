package dev.paas.bench.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the seconds of one push went: the builder's output lines as the pusher received them, the app's log
 * lines (the agent's "Starting process", "State changed", the router's requests) at the times they carry, and
 * the moment the new version was first served, each at its offset from the start of {@code git push}.
 */
final class PushTimeline {
    private final Instant start;
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(Instant at, String what) {
    }

    PushTimeline(Instant start) {
        this.start = start;
    }

    /** git's own progress (counting, compressing, writing ...): no news about where the time goes. */
    private static final java.util.regex.Pattern PROGRESS = java.util.regex.Pattern.compile(
            "(remote: )?(Enumerating|Counting|Compressing|Writing|Resolving|Updating references|Delta compression|"
                    + "Total \\d).*|remote:\\s*");

    /** A line of the push's output, stamped when it arrived. */
    synchronized void pushed(Instant at, String line) {
        if (!line.isBlank() && !PROGRESS.matcher(line.strip()).matches()) {
            entries.add(new Entry(at, "push: " + line.strip()));
        }
    }

    synchronized void mark(Instant at, String what) {
        entries.add(new Entry(at, what));
    }

    /** The app's log as {@code GET /apps/{app}/logs} renders it ({@code TIME SOURCE[DYNO]: LINE}), from the start on. */
    synchronized void appLog(String text) {
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            try {
                Instant at = Instant.parse(line.substring(0, space));
                String rest = line.substring(space + 1);
                // the router's lines are the bench's own polling: the first answer it liked is marked instead
                if (!at.isBefore(start) && !rest.contains("[router]")) {
                    entries.add(new Entry(at, "log:  " + rest.strip()));
                }
            } catch (DateTimeParseException notALogLine) {
                // a wrapped line: skipped
            }
        }
    }

    /** One line per entry, in time order: {@code +SECONDS  WHAT}. */
    synchronized List<String> lines() {
        return entries.stream().sorted(Comparator.comparing(Entry::at))
                .map(e -> String.format("  %+7.2f s  %s", Duration.between(start, e.at()).toMillis() / 1000.0,
                        e.what().length() > 150 ? e.what().substring(0, 150) + "..." : e.what()))
                .toList();
    }
}
