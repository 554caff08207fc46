package dev.paas.api.configvar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A config:set is the control plane's hottest write (the bench's releases per second are CPU-bound in the
 * API and Postgres): each statement it runs costs both, so the count is held to what it needs.
 */
@ExtendWith(PlatformExtension.class)
class ConfigSetStatementsTest {
    private static final Pattern STATEMENTS = Pattern.compile("(?m)^paas_api_sql_statements_total (\\d+)");
    /** The fewest seen over a few tries: timers (the event publisher's, the scheduler's) run statements too. */
    private static final int TRIES = 5;
    /**
     * Round trips, each one statement or a few sent together: the request's app (its token is cached: a config:set
     * writes no user or token, so the token read by the previous request still holds); the app's lock with the tip
     * and the newest version (sent together); the app's instances (read ahead by the group commit, whose transaction
     * this config:set has to itself here); the release, its outcome, the platform log lines and the event (deferred
     * to the transaction's end, sent together, and the commit with them: the driver's commit sends nothing and is no
     * statement here); and the publisher's round (its lock, the round and its commit, sent together; shared by
     * concurrent writers). Was 14: the release's outcome and its read-back were statements of their own, and the log
     * append locked the app again; then 11: the next version was a statement of its own, and the token was read
     * again on every request after any write; then 9: the lock, the tip, the log lines, the event and the
     * publisher's lock were round trips of their own; then 6: the release was a round trip of its own.
     */
    static final int MAX_STATEMENTS = 5;

    @Test
    void a_config_set_runs_at_most_its_budget_of_sql_statements(TestPlatform platform, Api api) {
        String token = platform.user("counted@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"counted\"}").status()).isEqualTo(201);
        assertThat(api.patch(token, "/apps/counted/config-vars", "{\"WARM\":\"0\"}").status()).isEqualTo(200);

        long fewest = Long.MAX_VALUE;
        for (int i = 1; i <= TRIES; i++) {
            long before = statements(api);
            var set = api.patch(token, "/apps/counted/config-vars", "{\"A\":\"" + i + "\"}");
            long after = statements(api);
            assertThat(set.status()).isEqualTo(200);
            fewest = Math.min(fewest, after - before);
        }

        assertThat(api.get(token, "/apps/counted/releases").json()).hasSize(2 + TRIES);
        assertThat(fewest).isPositive().isLessThanOrEqualTo(MAX_STATEMENTS);
    }

    private static long statements(Api api) {
        Matcher m = STATEMENTS.matcher(api.get(null, "/metrics").body());
        assertThat(m.find()).as("/metrics counts SQL statements").isTrue();
        return Long.parseLong(m.group(1));
    }
}
