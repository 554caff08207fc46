package dev.paas.api.log;

import static dev.paas.api.db.Schema.Apps;
import static dev.paas.api.db.Schema.LogDrains;
import static dev.paas.api.db.Schema.LogLines;

import dev.paas.api.drain.DrainRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each app's log to its newest {@code lines}, none older than {@code age}, so that the database does
 * not grow without end. Lines a drain has not had yet are kept while they are within the drain's buffer
 * (the newest {@code drainBuffer} lines, which the drain would still send); older ones go, and the drain
 * is told how many with an L10 line, as when it falls behind by itself.
 */
public final class LogRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);
    private final DSLContext dsl;
    private final int lines;
    private final Duration age;
    private final int drainBuffer;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("log-retention").daemon().factory());

    public LogRetention(DSLContext dsl, int lines, Duration age, int drainBuffer, Clock clock) {
        this.dsl = dsl;
        this.lines = lines;
        this.age = age;
        this.drainBuffer = drainBuffer;
        this.clock = clock;
    }

    public LogRetention start(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                prune();
            } catch (RuntimeException e) {
                LOG.warn("at=warn msg=\"log retention failed; retrying\" error=\"{}\"", e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Returns how many lines were removed, over all apps. */
    public long prune() {
        long removed = 0;
        for (UUID app : dsl.select(Apps.ID).from(Apps.T).fetch(Apps.ID)) {
            removed += dsl.transactionResult(cfg -> prune(cfg.dsl(), app));
        }
        return removed;
    }

    private long prune(DSLContext tx, UUID app) {
        // Lines with an id below the bound go; ids grow with arrival, so both rules are a bound on the id.
        long byCount = nthNewest(tx, app, lines);
        Long firstFresh = tx.select(LogLines.ID).from(LogLines.T).where(LogLines.APP_ID.eq(app))
                .and(LogLines.RECEIVED_AT.ge(clock.instant().minus(age).atOffset(ZoneOffset.UTC)))
                .orderBy(LogLines.ID).limit(1).fetchOne(LogLines.ID);
        long byAge = firstFresh != null ? firstFresh : lastId(tx, app) + 1;
        long bound = Math.max(byCount, byAge);
        if (bound <= 1) {
            return 0;
        }
        var drains = tx.select(LogDrains.ID, LogDrains.DELIVERED_ID).from(LogDrains.T)
                .where(LogDrains.APP_ID.eq(app)).fetch();
        long inBuffer = nthNewest(tx, app, drainBuffer);
        for (var drain : drains) {
            bound = Math.min(bound, Math.max(drain.value2() + 1, inBuffer));
        }
        for (var drain : drains) {
            DrainRepository.dropUpTo(tx, drain.value1(), app, bound - 1);
        }
        return tx.deleteFrom(LogLines.T).where(LogLines.APP_ID.eq(app)).and(LogLines.ID.lt(bound)).execute();
    }

    /** The id of the app's {@code n}th newest line, or 0 when it has fewer. */
    private static long nthNewest(DSLContext tx, UUID app, int n) {
        Long id = tx.select(LogLines.ID).from(LogLines.T).where(LogLines.APP_ID.eq(app))
                .orderBy(LogLines.ID.desc()).offset(n - 1).limit(1).fetchOne(LogLines.ID);
        return id == null ? 0 : id;
    }

    private static long lastId(DSLContext tx, UUID app) {
        Long id = tx.select(DSL.max(LogLines.ID)).from(LogLines.T).where(LogLines.APP_ID.eq(app))
                .fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
