package dev.paas.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class RequestLogTest {

    @Test
    void every_requests_line_is_logged_once_by_the_log_thread_not_by_the_request() throws Exception {
        var logger = new Captured(false);
        var log = new RequestLog(logger);
        var requests = new ArrayList<Thread>();
        for (int t = 0; t < 64; t++) {
            int thread = t;
            requests.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 100; i++) { // 6,400 lines in all: under the backlog
                    log.add(new RequestLog.Line("GET", "/apps/a" + thread, 200, i, "id-" + thread + "-" + i));
                }
            }));
        }
        for (Thread r : requests) {
            r.join();
        }
        log.close();

        assertThat(logger.lines).hasSize(64 * 100);
        assertThat(new HashSet<>(logger.lines)).hasSize(64 * 100);
        assertThat(logger.lines).contains("at=info method=GET path=/apps/a7 status=200 duration_ms=42 request_id=id-7-42");
        assertThat(new HashSet<>(logger.threads)).containsExactly("request-log");
    }

    @Test
    void close_logs_what_is_queued() throws Exception {
        var logger = new Captured(true);
        var log = stuckOnItsFirstLine(logger);
        for (int i = 0; i < 100; i++) {
            log.add(new RequestLog.Line("GET", "/apps/a", 200, 0, "queued-" + i));
        }
        logger.release();
        log.close();

        assertThat(logger.lines).hasSize(101).first().asString().contains("request_id=first");
        assertThat(logger.lines.get(100)).contains("request_id=queued-99");
    }

    @Test
    void past_the_backlog_a_request_logs_its_own_line_and_none_is_lost() throws Exception {
        var logger = new Captured(true);
        var log = stuckOnItsFirstLine(logger);
        for (int i = 0; i < RequestLog.BACKLOG; i++) {
            log.add(new RequestLog.Line("GET", "/", 200, 0, "queued-" + i));
        }
        assertThat(logger.lines).hasSize(1);

        log.add(new RequestLog.Line("GET", "/", 200, 0, "over"));
        assertThat(logger.lines).as("logged by the request itself").hasSize(2);
        assertThat(logger.lines.get(1)).contains("request_id=over");
        assertThat(logger.threads.get(1)).isEqualTo(Thread.currentThread().getName());

        logger.release();
        log.close();
        assertThat(logger.lines).hasSize(RequestLog.BACKLOG + 2);
    }

    /** A request log whose thread has taken its first line ("first") and is held in it until the logger's release. */
    private static RequestLog stuckOnItsFirstLine(Captured logger) throws InterruptedException {
        var log = new RequestLog(logger);
        log.add(new RequestLog.Line("PATCH", "/apps/a/config-vars", 200, 3, "first"));
        assertThat(logger.blocked.await(10, TimeUnit.SECONDS)).as("the log thread took the first line").isTrue();
        return log;
    }

    /** Keeps what is logged; with {@code holdFirst}, the call that logs its first line waits for {@link #release}. */
    private static final class Captured extends LegacyAbstractLogger {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch blocked = new CountDownLatch(1);
        private final CountDownLatch release;

        Captured(boolean holdFirst) {
            this.name = "test";
            this.release = holdFirst ? new CountDownLatch(1) : null;
        }

        void release() {
            release.countDown();
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                   Throwable thrown) {
            synchronized (this) {
                lines.add(MessageFormatter.basicArrayFormat(pattern, args));
                threads.add(Thread.currentThread().getName());
            }
            if (release != null && blocked.getCount() == 1) {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
