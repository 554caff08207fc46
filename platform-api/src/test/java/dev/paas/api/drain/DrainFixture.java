package dev.paas.api.drain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.TestPlatform;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** An app with an agent that ships its lines, as drain tests need. */
final class DrainFixture {
    final Api api;
    final String admin;
    final String appId;
    final String agent;

    DrainFixture(TestPlatform platform, Api api, String app) {
        this.api = api;
        this.admin = platform.admin(app + "@example.com");
        this.appId = api.post(admin, "/apps", "{\"name\":\"" + app + "\"}").json().get("id").asText();
        this.agent = api.post(admin, "/agents", "{\"name\":\"" + app + "-host\",\"address\":\"127.0.0.1\","
                + "\"memory_mb\":4096}").json().get("id").asText();
    }

    String addDrain(String app, String url) {
        var added = api.post(admin, "/apps/" + app + "/log-drains", "{\"url\":\"" + url + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().get("token").asText();
    }

    /** Ships {@code line <from>} to {@code line <to - 1>} from web.1, in POSTs of at most 400. */
    void ship(int from, int to) {
        for (int start = from; start < to; start += 400) {
            var body = new StringBuilder("{\"lines\":[");
            for (int i = start; i < Math.min(to, start + 400); i++) {
                body.append(i == start ? "" : ",").append("{\"app_id\":\"").append(appId).append("\",\"time\":\"")
                        .append(Instant.now()).append("\",\"source\":\"app\",\"dyno\":\"web.1\",\"line\":\"line ")
                        .append(i).append("\"}");
            }
            var shipped = api.post(admin, "/agents/" + agent + "/logs", body.append("]}").toString());
            assertThat(shipped.status()).as(shipped.body()).isEqualTo(204);
        }
    }

    /** The expected app lines {@code line <from>} .. {@code line <to - 1>}. */
    static java.util.List<String> lines(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> "line " + i).toList();
    }

    static void await(String what, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; got " + state.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
