package dev.paas.api.drain;

import static dev.paas.api.drain.DrainFixture.await;
import static dev.paas.api.drain.DrainFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An HTTP drain with a real receiver on loopback, stopped and started again mid-stream. */
@ExtendWith(PlatformExtension.class)
class HttpDrainTest {
    private static final String RFC5424 = "<190>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00 host ";
    private final HttpReceiver receiver = new HttpReceiver();
    private DrainFixture app;
    private TestPlatform platform;

    @BeforeEach
    void appAndReceiver(TestPlatform platform, Api api) throws Exception {
        this.platform = platform;
        app = new DrainFixture(platform, api, "sink");
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void lines_reach_the_drain_in_order_as_logplex_frames_with_its_headers() {
        String token = app.addDrain("sink", receiver.url());

        app.ship(0, 400); // within the test platform's buffer of 500: a larger burst may overflow it
        await("400 lines", () -> appLines().size() >= 400, this::appLines);

        assertThat(appLines()).containsExactlyElementsOf(lines(0, 400));
        for (var post : receiver.posts()) {
            assertThat(post.header("Content-Type")).isEqualTo("application/logplex-1");
            assertThat(post.header("Logplex-Drain-Token")).isEqualTo(token);
            assertThat(post.header("Logplex-Msg-Count")).isEqualTo(String.valueOf(post.messages().size()));
            assertThat(post.header("Logplex-Frame-Id")).isNotBlank();
            assertThat(post.messages()).allSatisfy(m -> assertThat(m).matches(RFC5424 + "app web\\.1 - line \\d+\n"));
        }
        assertThat(receiver.posts().stream().map(p -> p.header("Logplex-Frame-Id")).distinct().count())
                .isEqualTo(receiver.posts().size());
    }

    @Test
    void router_and_platform_lines_go_to_the_drain_as_well_as_the_apps_output() {
        app.addDrain("sink", receiver.url());

        app.api.patch(app.admin, "/apps/sink/config-vars", "{\"GREETING\":\"hi\"}");
        var router = app.api.post(app.admin, "/logs", "{\"lines\":[{\"app_id\":\"" + app.appId + "\",\"time\":\""
                + java.time.Instant.now() + "\",\"source\":\"heroku\",\"dyno\":\"router\",\"line\":\"at=info "
                + "method=GET path=/ status=200\"}]}");
        assertThat(router.status()).isEqualTo(204);
        app.ship(0, 1);

        await("four lines", () -> receiver.messages().size() >= 4, receiver::messages);
        assertThat(receiver.messages()).satisfiesExactly(
                m -> assertThat(m).contains(" heroku api - Set GREETING config vars by user sink@example.com"),
                m -> assertThat(m).contains(" heroku api - Release v2 created by user sink@example.com"),
                m -> assertThat(m).contains(" heroku router - at=info method=GET path=/ status=200"),
                m -> assertThat(m).contains(" app web.1 - line 0"));
    }

    @Test
    void lines_logged_while_the_receiver_is_down_arrive_in_order_once_it_is_back() throws Exception {
        app.addDrain("sink", receiver.url());
        app.ship(0, 100);
        await("the first 100 lines", () -> appLines().size() >= 100, this::appLines);

        receiver.stop();
        app.ship(100, 300);
        receiver.start();

        await("all 300 lines", () -> appLines().size() >= 300, this::appLines);
        assertThat(appLines()).containsExactlyElementsOf(lines(0, 300));
        assertThat(receiver.messages()).noneMatch(m -> m.contains("L10"));
    }

    @Test
    void a_drain_down_for_more_than_its_buffer_gets_an_L10_line_with_the_count_then_the_newest_lines()
            throws Exception {
        app.addDrain("sink", receiver.url());
        app.ship(0, 5);
        await("the first 5 lines", () -> appLines().size() >= 5, this::appLines);

        receiver.stop();
        app.ship(5, 1205); // the test platform's PAAS_DRAIN_BUFFER_LINES is 500
        // The drain, retrying, has skipped all it will before the receiver is back (what the L10 line counts
        // depends on how much was logged when a send succeeds).
        await("the drain to skip 700 lines", () -> dropped() == 700, this::dropped);
        receiver.start();

        await("the L10 line and the buffer", () -> receiver.messages().size() >= 5 + 1 + 500, receiver::messages);
        var messages = receiver.messages();
        assertThat(messages.get(5)).matches(RFC5424 + "heroku logplex - Error L10 \\(output buffer overflow\\): 700 "
                + "messages dropped since \\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\+00:00\\.\n");
        assertThat(appLines()).containsExactlyElementsOf(java.util.stream.Stream.concat(lines(0, 5).stream(),
                lines(705, 1205).stream()).toList());
    }

    @Test
    void a_drain_that_never_answers_delays_neither_shipping_nor_another_drain() throws Exception {
        try (var blackHole = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            var held = new java.util.concurrent.CopyOnWriteArrayList<java.net.Socket>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept()); // accepted, never read from, never answered
                    }
                } catch (java.io.IOException closed) {
                    held.forEach(DrainSockets::close);
                }
            });
            app.addDrain("sink", "http://127.0.0.1:" + blackHole.getLocalPort() + "/stuck");
            app.addDrain("sink", receiver.url());

            long started = System.nanoTime();
            app.ship(0, 400);
            await("400 lines at the answering drain", () -> appLines().size() >= 400, this::appLines);

            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(
                    DrainSockets.IO_TIMEOUT.dividedBy(2));
            assertThat(appLines()).containsExactlyElementsOf(lines(0, 400));
            assertThat(held).isNotEmpty();
        }
    }

    @Test
    void a_platform_line_committed_after_a_later_shipped_line_still_reaches_the_drain_first() throws Exception {
        app.addDrain("sink", receiver.url());
        java.util.concurrent.CompletableFuture<Void> shipped;
        try (var c = platform.connect(); var s = c.createStatement()) {
            // As the ledger does: lock the app, write a platform line (taking the smaller id), commit later.
            c.setAutoCommit(false);
            s.execute("select id from apps where id = '" + app.appId + "' for update");
            s.execute("insert into log_lines (app_id, logged_at, source, dyno, line) values ('" + app.appId
                    + "', now(), 'heroku', 'api', 'Release v9 created by user x')");
            shipped = java.util.concurrent.CompletableFuture.runAsync(() -> app.ship(0, 1));
            await("the shipment to wait for the app (or to overtake the open transaction)",
                    () -> shipped.isDone() || waitingOnALock(), () -> "");
            c.commit();
        }
        shipped.join();

        await("both lines", () -> receiver.messages().size() >= 2, receiver::messages);
        assertThat(receiver.messages()).satisfiesExactly(
                m -> assertThat(m).contains(" heroku api - Release v9 created by user x"),
                m -> assertThat(m).contains(" app web.1 - line 0"));
    }

    private boolean waitingOnALock() {
        try (var c = platform.connect(); var s = c.createStatement();
             var rows = s.executeQuery("select count(*) from pg_stat_activity where datname = current_database() "
                     + "and wait_event_type = 'Lock'")) {
            return rows.next() && rows.getInt(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long dropped() {
        try (var c = platform.connect(); var s = c.createStatement();
             var rows = s.executeQuery("select dropped from log_drains")) {
            return rows.next() ? rows.getLong(1) : -1;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> appLines() {
        return receiver.messages().stream().filter(m -> m.contains(" app web.1 - "))
                .map(m -> m.substring(m.indexOf(" - ") + 3).strip()).toList();
    }
}
