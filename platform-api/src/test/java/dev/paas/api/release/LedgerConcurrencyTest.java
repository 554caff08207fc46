package dev.paas.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class LedgerConcurrencyTest {
    private static final int WRITERS = 50;

    @Test
    void fifty_parallel_config_sets_make_fifty_gapless_releases_and_lose_no_key(TestPlatform platform, Api api)
            throws Exception {
        String token = platform.user("racer@example.com");
        assertThat(api.post(token, "/apps", "{\"name\":\"racy\"}").status()).isEqualTo(201);

        var start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(WRITERS)) {
            for (int i = 0; i < WRITERS; i++) {
                String body = "{\"KEY_" + i + "\":\"value " + i + "\"}";
                results.add(pool.submit(() -> {
                    start.await();
                    return api.patch(token, "/apps/racy/config-vars", body).status();
                }));
            }
            start.countDown();
            for (var result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        }

        var releases = api.get(token, "/apps/racy/releases").json();
        List<Integer> versions = new ArrayList<>();
        releases.forEach(r -> versions.add(r.get("version").asInt()));
        assertThat(versions).containsExactlyElementsOf(IntStream.rangeClosed(1, WRITERS + 1).boxed().toList());

        var config = api.get(token, "/apps/racy/config-vars").json();
        assertThat(config.size()).isEqualTo(WRITERS);
        IntStream.range(0, WRITERS).forEach(i -> assertThat(config.get("KEY_" + i).asText()).isEqualTo("value " + i));

        // Every release's config holds exactly one more key than its predecessor: no write saw a stale config.
        for (int v = 2; v <= WRITERS + 1; v++) {
            var snapshot = api.get(token, "/apps/racy/releases/v" + v + "/config-vars").json();
            assertThat(snapshot.size()).as("keys in v%d", v).isEqualTo(v - 1);
        }
    }
}
