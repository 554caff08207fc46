package dev.paas.api.drain;

import static dev.paas.api.drain.DrainFixture.await;
import static dev.paas.api.drain.DrainFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.api.log.LogRetention;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Retention by lines and by age, and what it does to lines a drain has not had yet. */
@ExtendWith(PlatformExtension.class)
class LogRetentionTest {
    private final HttpReceiver receiver = new HttpReceiver();
    private TestPlatform platform;
    private DrainFixture app;
    private Connection connection;

    @BeforeEach
    void app(TestPlatform platform, Api api) throws SQLException {
        this.platform = platform;
        this.app = new DrainFixture(platform, api, "kept");
        this.connection = platform.connect();
    }

    @AfterEach
    void close() throws SQLException {
        receiver.close();
        connection.close();
    }

    private long prune(int lines, int drainBuffer) {
        return new LogRetention(DSL.using(connection, SQLDialect.POSTGRES), lines, Duration.ofHours(168), drainBuffer,
                Clock.systemUTC()).prune();
    }

    @Test
    void only_the_newest_lines_are_kept_and_lines_older_than_the_age_go() throws SQLException {
        app.ship(0, 300);

        prune(100, 500);
        assertThat(storedAppLines()).containsExactlyElementsOf(lines(200, 300));

        try (var s = connection.createStatement()) {
            s.execute("update log_lines set received_at = now() - interval '169 hours' where line in "
                    + "(select 'line ' || g from generate_series(200, 249) g)");
        }
        prune(100, 500);
        assertThat(storedAppLines()).containsExactlyElementsOf(lines(250, 300));
    }

    @Test
    void a_pruned_log_still_serves_logs_n_1500() {
        app.ship(0, 2000);

        prune(1500, 10_000);

        var shown = app.api.get(app.admin, "/apps/kept/logs?num=1500&source=app").body().lines()
                .map(l -> l.substring(l.indexOf("]: ") + 3)).toList();
        assertThat(shown).containsExactlyElementsOf(lines(500, 2000));
    }

    @Test
    void lines_a_down_drain_has_not_had_are_kept_while_they_fit_its_buffer_and_then_delivered() throws Exception {
        receiver.start();
        app.addDrain("kept", receiver.url());
        app.ship(0, 10);
        await("10 lines", () -> drainedAppLines().size() >= 10, this::drainedAppLines);
        // The drain's cursor is recorded once its POST is answered: retention counts from the cursor, not the receiver.
        await("the drain's cursor past line 9", () -> deliveredThrough("line 9"), this::drainedAppLines);
        receiver.stop();
        app.ship(10, 310);

        prune(100, 500);

        assertThat(storedAppLines()).containsExactlyElementsOf(lines(10, 310));
        receiver.start();
        await("310 lines", () -> drainedAppLines().size() >= 310, this::drainedAppLines);
        assertThat(drainedAppLines()).containsExactlyElementsOf(lines(0, 310));
        assertThat(receiver.messages()).noneMatch(m -> m.contains("L10"));
    }

    @Test
    void lines_beyond_a_down_drains_buffer_are_removed_and_the_drain_is_told_how_many_with_L10() throws Exception {
        receiver.start();
        app.addDrain("kept", receiver.url());
        app.ship(0, 10);
        await("10 lines", () -> drainedAppLines().size() >= 10, this::drainedAppLines);
        // The drain's cursor is recorded once its POST is answered: retention counts from the cursor, not the receiver.
        await("the drain's cursor past line 9", () -> deliveredThrough("line 9"), this::drainedAppLines);
        receiver.stop();
        app.ship(10, 410); // fewer than the platform's drain buffer (500): the drain would keep them all

        prune(100, 200); // but retention allows lagging drains 200 lines only

        assertThat(storedAppLines()).containsExactlyElementsOf(lines(210, 410));
        receiver.start();
        await("the L10 line and 200 lines", () -> drainedAppLines().size() >= 210, receiver::messages);
        var messages = receiver.messages();
        assertThat(messages.get(10)).contains(" heroku logplex - Error L10 (output buffer overflow): 200 messages "
                + "dropped since ");
        assertThat(drainedAppLines()).containsExactlyElementsOf(Stream.concat(lines(0, 10).stream(),
                lines(210, 410).stream()).toList());
    }

    /** Whether the drain's recorded cursor has passed the app's line {@code line}. */
    private boolean deliveredThrough(String line) {
        try (var s = connection.prepareStatement("select d.delivered_id >= l.id from log_drains d, log_lines l "
                + "where l.source = 'app' and l.line = ? and l.app_id = d.app_id")) {
            s.setString(1, line);
            try (var rows = s.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> storedAppLines() {
        try (var s = connection.createStatement();
             var rows = s.executeQuery("select line from log_lines where source = 'app' order by id")) {
            var out = new ArrayList<String>();
            while (rows.next()) {
                out.add(rows.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> drainedAppLines() {
        return receiver.messages().stream().filter(m -> m.contains(" app web.1 - "))
                .map(m -> m.substring(m.indexOf(" - ") + 3).strip()).toList();
    }
}
