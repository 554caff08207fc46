package dev.paas.api.drain;

import static dev.paas.api.drain.DrainFixture.await;
import static dev.paas.api.drain.DrainFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Syslog drains into a real rsyslogd on loopback, over plain TCP and over TLS, stopped and restarted mid-stream. */
@ExtendWith(PlatformExtension.class)
class SyslogDrainTest {
    @TempDir
    Path dir;
    private DrainFixture app;

    @BeforeEach
    void app(TestPlatform platform, Api api) {
        app = new DrainFixture(platform, api, "syslogged");
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void lines_reach_rsyslog_in_order_with_the_drain_token_as_hostname(boolean tls) throws Exception {
        try (var rsyslog = new Rsyslog(dir, tls).start()) {
            String token = app.addDrain("syslogged", rsyslog.url());

            app.ship(0, 500);

            await("500 lines", () -> appLines(rsyslog).size() >= 500, () -> rsyslog.lines());
            assertThat(appLines(rsyslog)).containsExactlyElementsOf(lines(0, 500));
            assertThat(rsyslog.lines()).allSatisfy(l -> assertThat(l).startsWith(token + " app web.1 line "));
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void lines_logged_while_rsyslog_was_down_arrive_in_order_after_it_restarts(boolean tls) throws Exception {
        try (var rsyslog = new Rsyslog(dir, tls).start()) {
            app.addDrain("syslogged", rsyslog.url());
            app.ship(0, 100);
            await("the first 100 lines", () -> appLines(rsyslog).size() >= 100, () -> rsyslog.lines());

            rsyslog.stop();
            app.ship(100, 300);
            rsyslog.start();

            await("all 300 lines", () -> appLines(rsyslog).size() >= 300, () -> rsyslog.lines());
            assertThat(appLines(rsyslog)).containsExactlyElementsOf(lines(0, 300));
        }
    }

    private static List<String> appLines(Rsyslog rsyslog) {
        return rsyslog.lines().stream().filter(l -> l.contains(" app web.1 "))
                .map(l -> l.substring(l.indexOf(" app web.1 ") + " app web.1 ".length())).toList();
    }
}
