package dev.paas.allinone.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The all-in-one process's SLF4J binding (in place of each component's slf4j-simple): every event
 * one line on standard output, tagged by component ({@link LineLogger}, {@link ComponentTag}).
 */
public final class LineLogProvider implements SLF4JServiceProvider {
    /** Libraries quiet below WARN, as the components' own simplelogger.properties have them. */
    private static final Map<String, Level> QUIET = Map.of(
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            "org.jooq", Level.WARN,
            "io.netty", Level.WARN,
            "com.github.dockerjava", Level.WARN,
            "org.apache.hc", Level.WARN,
            // the API's own setting: a Postgres older than jOOQ's dialect is supported all the same
            "org.jooq.impl.DefaultExecuteContext.logVersionSupport", Level.ERROR);
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name,
            n -> new LineLogger(n, threshold(n), System.out));
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** The level of the longest name in {@link #QUIET} that {@code logger} is or is under; else INFO. */
    static Level threshold(String logger) {
        String best = "";
        Level level = Level.INFO;
        for (var entry : QUIET.entrySet()) {
            String name = entry.getKey();
            if ((logger.equals(name) || logger.startsWith(name + ".")) && name.length() > best.length()) {
                best = name;
                level = entry.getValue();
            }
        }
        return level;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: loggers are made on first use
    }
}
