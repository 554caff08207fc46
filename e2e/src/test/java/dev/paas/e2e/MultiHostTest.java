package dev.paas.e2e;

import static dev.paas.e2e.HostFleet.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real hosts (each its own network namespace and Docker engine, see {@link Hosts}) joined with
 * {@code bin/platform join} to a control plane on this side; an app pushed and spread over them, then the
 * faults a fleet meets, under a steady load through a router.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostTest {
    /** A lost host's slots serve elsewhere within this: the agent timeout (20 s), a start, a route update. */
    static final Duration BOUND = Duration.ofSeconds(90);
    static final Duration SETTLE = Duration.ofMinutes(3);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static HostFleet fleet;
    static Hosts hosts;
    static Load load;

    @BeforeAll
    static void hostsAndControlPlane() throws Exception {
        fleet = HostFleet.start(dir, 3);
        hosts = fleet.hosts;
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (load != null) {
            load.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void each_host_joins_with_bin_platform_join_and_its_agent_registers_with_its_address() throws Exception {
        for (var host : hosts.all()) {
            var joined = fleet.join(host);
            assertThat(joined.code()).as(joined.output()).isZero();
        }

        Awaits.until("three agents alive", Duration.ofSeconds(60), () -> agents().size() == 3
                && StreamSupport.stream(agents().spliterator(), false).allMatch(a -> a.get("status").asText()
                        .equals("alive")));
        for (var host : hosts.all()) {
            assertThat(agents()).anySatisfy(a -> {
                assertThat(a.get("name").asText()).isEqualTo(host.name());
                assertThat(a.get("address").asText()).isEqualTo(host.address());
            });
        }
    }

    @Test
    @Order(2)
    void join_again_is_a_no_op_and_host_status_says_healthy() throws Exception {
        var host = hosts.get(0);
        var pid = hosts.exec(host, Map.of(), "cat", "/var/lib/paas-host/agent.pid").orFail("pid").output().strip();

        var again = fleet.join(host).orFail("join again");

        assertThat(again.output()).contains("agent already runs with these settings (pid " + pid + ")");
        assertThat(hosts.exec(host, Map.of(), "bash", "/opt/paas/bin/platform", "host-status").orFail("status")
                .output()).contains("agent:  running, healthy (pid " + pid);
    }

    @Test
    @Order(3)
    void join_with_a_wrong_token_or_address_says_what_is_wrong() throws Exception {
        var host = hosts.get(0);

        var badToken = hosts.join(host, fleet.platform.apiUrl(), "not-a-token", Map.of());
        var badAddress = hosts.exec(host, Map.of(), "bash", "/opt/paas/bin/platform", "join", "--api",
                fleet.platform.apiUrl(), "--token", fleet.platform.adminToken(), "--address", "192.0.2.7");

        assertThat(badToken.code()).isEqualTo(1);
        assertThat(badToken.output()).contains("refused the token (HTTP 401)");
        assertThat(badAddress.code()).isEqualTo(1);
        assertThat(badAddress.output()).contains("--address 192.0.2.7 is not an address of this host");
    }

    @Test
    @Order(4)
    void a_pushed_app_scaled_to_six_spreads_over_the_three_hosts() throws Exception {
        assertThat(fleet.push().output()).contains("Released v");

        ok(fleet.paas("ps:scale", "web=6", "-a", fleet.app));

        Awaits.until("six web processes up", SETTLE, () -> fleet.webUp() == 6);
        assertThat(fleet.webByHost()).allSatisfy((host, web) -> assertThat(web).as(host).hasSize(2));
        assertThat(fleet.allWeb()).doesNotHaveDuplicates().hasSize(6);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Awaits.until("the router reaches all six", SETTLE, () -> {
            seen.add(fleet.get(fleet.routerOnControlHost()));
            return seen.size() == 6;
        });
        load = new Load(() -> fleet.get(fleet.routerOnControlHost()));
    }

    @Test
    @Order(5)
    void a_lost_host_s_slots_come_back_on_the_others_while_serving_continues() throws Exception {
        assumeTrue(load != null, "the app runs");
        var lost = hosts.get(2);
        long before = load.succeeded();
        long t0 = System.nanoTime();

        hosts.lose(lost);

        Awaits.until("six web processes on the two other hosts", SETTLE, () -> fleet.webByHost(hosts.get(0),
                hosts.get(1)).values().stream().mapToInt(List::size).sum() == 6);
        Awaits.until("50 requests in a row answered", SETTLE, () -> fleet.inARow(fleet.routerOnControlHost(), 50));
        var replaced = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println("host lost -> its slots serving elsewhere: " + replaced.toMillis() + " ms");
        assertThat(replaced).isLessThan(BOUND);
        assertThat(load.succeeded()).isGreaterThan(before);
        // requests already sent to the lost host when it went are lost with it; the router sends no new ones
        assertThat(load.failures()).as("requests that failed while the host was lost").hasSizeLessThan(10);
    }

    @Test
    @Order(6)
    void the_lost_host_coming_back_stops_its_old_processes_so_none_runs_twice() throws Exception {
        assumeTrue(load != null, "the app runs");
        var back = hosts.get(2);
        int failuresBefore = load.failures().size();

        hosts.bringBack(back);

        Awaits.until("the returning host's old processes are gone", SETTLE, () -> {
            var web = fleet.allWeb();
            return web.size() == 6 && new HashSet<>(web).size() == 6;
        });
        // and it stays so for a few passes: nothing of the old generation starts again
        for (int i = 0; i < 10; i++) {
            assertThat(fleet.allWeb()).as("web processes across hosts").doesNotHaveDuplicates().hasSize(6);
            Thread.sleep(500);
        }
        assertThat(load.failures().subList(failuresBefore, load.failures().size())).isEmpty();
    }

    @Test
    @Order(7)
    void a_host_cut_off_from_the_control_plane_for_30_s_keeps_serving_and_nothing_is_lost() throws Exception {
        assumeTrue(load != null, "the app runs");
        var cut = hosts.get(0);
        var running = hosts.running(cut);
        int failuresBefore = load.failures().size();
        int apiPort = Integer.parseInt(fleet.platform.setting("PORT"));

        hosts.cutOff(cut, apiPort);
        try {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < end) {
                assertThat(hosts.running(cut)).as("the cut-off host's processes").containsAll(running);
                Thread.sleep(2000);
            }
        } finally {
            hosts.reconnect(cut, apiPort);
        }

        Awaits.until("six web processes, each once, after the cut", SETTLE, () -> {
            var web = fleet.allWeb();
            return web.size() == 6 && new HashSet<>(web).size() == 6;
        });
        Awaits.until("all answer through the router", SETTLE, () -> fleet.inARow(fleet.routerOnControlHost(), 30));
        assertThat(load.failures().subList(failuresBefore, load.failures().size()))
                .as("requests that failed while a host was cut off").isEmpty();
    }

    @Test
    @Order(8)
    void a_router_joined_on_a_second_host_routes_to_processes_on_every_host_alongside_the_first() throws Exception {
        assumeTrue(load != null, "the app runs");
        var second = hosts.get(1);
        var joined = fleet.join(second, "--router");
        assertThat(joined.code()).as(joined.output()).isZero();
        assertThat(joined.output()).contains("agent already runs with these settings");
        String router = "http://" + second.address() + ":8080/";
        int failuresBefore = load.failures().size();

        Set<String> reached = ConcurrentHashMap.newKeySet();
        try (var viaSecond = new Load(() -> {
            String body = fleet.get(router);
            reached.add(body);
            return body;
        })) {
            Awaits.until("the second router reaches every web process", SETTLE, () -> reached.size() == 6);
            Thread.sleep(3000);
            assertThat(viaSecond.failures()).as("failed requests through the second router").isEmpty();
        }
        // all six answered through it, and some of them run on other hosts than the router's own
        var elsewhere = fleet.webByHost().entrySet().stream().filter(e -> !e.getKey().equals(second.name()))
                .mapToInt(e -> e.getValue().size()).sum();
        assertThat(elsewhere).as("web processes on hosts other than the second router's").isPositive();
        assertThat(load.failures().subList(failuresBefore, load.failures().size())).isEmpty();
    }

    @Test
    @Order(9)
    void containers_on_a_joined_host_cannot_reach_the_control_plane() throws Exception {
        assumeTrue(load != null, "the app runs");
        var host = hosts.get(0);
        // the app's image: the only one its engine holds (its processes may have moved elsewhere by now)
        String image = hosts.exec(host, Map.of(), "docker", "images", "-q").orFail("docker images").output().lines()
                .findFirst().orElseThrow();
        String port = fleet.platform.setting("PORT");

        var attempt = hosts.exec(host, Map.of(), "docker", "run", "--rm", image, "node", "-e", """
                require('net').connect(%s, '%s')
                  .on('connect', () => { console.log('reached'); process.exit(0); })
                  .on('error', e => { console.log(e.code); process.exit(0); });
                """.formatted(port, hosts.gateway()));

        assertThat(attempt.output()).contains("ECONNREFUSED").doesNotContain("reached");
    }

    static JsonNode agents() throws Exception {
        return api("/agents");
    }

    static JsonNode api(String path) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(fleet.platform.apiUrl() + path))
                .header("Authorization", "Bearer " + fleet.platform.adminToken())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
