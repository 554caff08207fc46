package dev.paas.allinone.log;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Writes each event as one line: time, component, level, logger, message. A stack trace stays on
 * its event's line (its line breaks written as {@code \n}), so that one event is one line for
 * whatever reads the log, and lines of four components interleave whole.
 */
final class LineLogger extends LegacyAbstractLogger {
    private final transient PrintStream out;
    private final Level threshold;

    LineLogger(String name, Level threshold, PrintStream out) {
        this.name = name;
        this.threshold = threshold;
        this.out = out;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        out.println(line(Instant.now(), ComponentTag.of(name), level, name,
                MessageFormatter.basicArrayFormat(pattern, arguments), throwable));
    }

    static String line(Instant at, String component, Level level, String logger, String message, Throwable thrown) {
        var line = new StringBuilder(128).append(at).append(' ').append(component).append(' ').append(level)
                .append(' ').append(logger).append(" - ").append(oneLine(message));
        if (thrown != null) {
            var trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(" trace=\"").append(oneLine(trace.toString().strip())).append('"');
        }
        return line.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "null" : text.replace("\r", "").replace("\n", "\\n");
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }
}
