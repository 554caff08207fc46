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

    /**
     * Config changes of many apps are committed together under load (a group commit): each app's ledger still
     * grows gapless by exactly its own changes, and a second user's refused changes (a config grown past the
     * limit) mixed in among them are refused alone: they change nothing and fail no one else's.
     */
    @Test
    void parallel_config_sets_of_several_apps_each_get_their_own_outcome(TestPlatform platform, Api api)
            throws Exception {
        String owner = platform.user("owner@example.com");
        String hostile = platform.user("hostile@example.com");
        List<String> apps = List.of("many-a", "many-b", "many-c", "many-d");
        for (String app : apps) {
            assertThat(api.post(owner, "/apps", "{\"name\":\"" + app + "\"}").status()).isEqualTo(201);
        }
        assertThat(api.post(hostile, "/apps", "{\"name\":\"many-x\"}").status()).isEqualTo(201);
        for (int i = 0; i < 2; i++) {
            assertThat(api.patch(hostile, "/apps/many-x/config-vars",
                    "{\"PART" + i + "\":\"" + "y".repeat(30_000) + "\"}").status()).isEqualTo(200);
        }
        int perApp = 12;
        int refusals = 12;

        var start = new CountDownLatch(1);
        List<Future<Integer>> accepted = new ArrayList<>();
        List<Future<Api.Response>> refused = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(apps.size() * perApp + refusals)) {
            for (int i = 0; i < perApp; i++) {
                for (String app : apps) {
                    String body = "{\"KEY_" + i + "\":\"" + app + " " + i + "\"}";
                    accepted.add(pool.submit(() -> {
                        start.await();
                        return api.patch(owner, "/apps/" + app + "/config-vars", body).status();
                    }));
                }
            }
            for (int i = 0; i < refusals; i++) {
                String body = "{\"GROW_" + i + "\":\"" + "z".repeat(30_000) + "\"}";
                refused.add(pool.submit(() -> {
                    start.await();
                    return api.patch(hostile, "/apps/many-x/config-vars", body);
                }));
            }
            start.countDown();
            for (var result : accepted) {
                assertThat(result.get()).isEqualTo(200);
            }
            for (var result : refused) {
                assertThat(result.get().status()).isEqualTo(422);
                assertThat(result.get().message()).contains("limit");
            }
        }

        for (String app : apps) {
            List<Integer> versions = new ArrayList<>();
            api.get(owner, "/apps/" + app + "/releases").json().forEach(r -> versions.add(r.get("version").asInt()));
            assertThat(versions).as(app).containsExactlyElementsOf(IntStream.rangeClosed(1, perApp + 1).boxed().toList());
            var config = api.get(owner, "/apps/" + app + "/config-vars").json();
            assertThat(config.size()).as(app).isEqualTo(perApp);
            IntStream.range(0, perApp).forEach(i ->
                    assertThat(config.get("KEY_" + i).asText()).isEqualTo(app + " " + i));
        }
        assertThat(api.get(hostile, "/apps/many-x/releases").json()).hasSize(3);
        assertThat(api.get(hostile, "/apps/many-x/config-vars").json().size()).isEqualTo(2);
    }
}
