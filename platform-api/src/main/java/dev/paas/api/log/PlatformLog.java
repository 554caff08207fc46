package dev.paas.api.log;

import dev.paas.api.event.Tx;
import dev.paas.client.Wire;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The control plane's own lines in an app's log, as Heroku's {@code heroku[api]}: "Scaled to
 * web@2:standard-1x by user ...", "Release v5 created by user ...". Written in the transaction of
 * the change they tell of, so the log never speaks of a change that did not happen.
 */
public final class PlatformLog {
    private final LogRepository logs;

    public PlatformLog(LogRepository logs) {
        this.logs = logs;
    }

    public void say(Tx tx, UUID appId, String line) {
        say(tx, appId, List.of(line));
    }

    /** Several lines in this order, in one append: each append is two statements, whatever its size. */
    public void say(Tx tx, UUID appId, List<String> lines) {
        Instant now = Instant.now();
        logs.append(tx, lines.stream().map(line -> new Wire.LogLine(appId, now, "heroku", "api", line)).toList());
    }
}
