package dev.paas.api.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /hosts} through the real API, with agents played over HTTP (registering, heartbeating and
 * reporting as agents do): listing, draining with its start-before-stop handoff, removal and re-admission.
 */
@ExtendWith(PlatformExtension.class)
class HostsApiTest {
    private Api api;
    private String admin;
    /** Agents kept alive by the heartbeat thread, by name (the test platform's agent timeout is 3 s). */
    private final Map<String, String> alive = new ConcurrentHashMap<>();
    private Thread heartbeats;

    @BeforeEach
    void twoHostsAndAnAppWithTwoWebProcesses(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("ops@example.com");
        register("host-a");
        register("host-b");
        heartbeats = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                alive.values().forEach(id -> api.post(admin, "/agents/" + id + "/heartbeat", null));
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        assertThat(api.post(admin, "/apps", "{\"name\":\"shop\"}").status()).isEqualTo(201);
        Deploys.deploy(api, admin, "shop", "abcdef0", "img:1");
        assertThat(api.patch(admin, "/apps/shop/formation/web", "{\"quantity\":2}").status()).isEqualTo(200);
    }

    @AfterEach
    void stopHeartbeats() throws InterruptedException {
        heartbeats.interrupt();
        heartbeats.join();
    }

    @Test
    void only_operators_see_or_change_hosts_and_others_learn_not_even_which_exist(TestPlatform platform) {
        String user = platform.user("plain@example.com");
        var answers = new ArrayList<String>();
        for (String host : List.of("host-a", "no-such-host")) {
            for (var call : List.of(api.get(user, "/hosts"), api.post(user, "/hosts/" + host + "/actions/drain", null),
                    api.post(user, "/hosts/" + host + "/actions/undrain", null),
                    api.delete(user, "/hosts/" + host))) {
                assertThat(call.status()).as(call.body()).isEqualTo(403);
                answers.add(call.message());
            }
        }
        assertThat(answers).containsOnly("Only operators (admin tokens) may see or change hosts.");
        assertThat(state("host-a")).isEqualTo("up");
    }

    @Test
    void hosts_lists_each_host_with_its_address_state_memory_processes_and_heartbeat() {
        report("host-a", "web", 1, "up");

        var hosts = api.get(admin, "/hosts").json();

        assertThat(hosts).hasSize(2);
        var a = host("host-a");
        assertThat(a.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(a.get("state").asText()).isEqualTo("up");
        assertThat(a.get("memory_mb").asInt()).isEqualTo(4096);
        assertThat(a.get("used_mb").asInt()).as("one standard-1X web slot").isEqualTo(512);
        assertThat(a.get("processes").asInt()).isEqualTo(1);
        assertThat(a.get("last_heartbeat_at").asText()).isNotBlank();
        assertThat(a.has("agent_version")).isTrue();
        assertThat(api.post(admin, "/hosts/nowhere/actions/drain", null).status()).isEqualTo(404);
    }

    @Test
    void a_drained_hosts_web_slot_starts_elsewhere_and_stays_until_its_new_process_is_up() {
        register("host-c");
        var before = slotOn("host-a");

        var drained = api.post(admin, "/hosts/host-a/actions/drain", null);

        assertThat(drained.status()).as(drained.body()).isEqualTo(200);
        assertThat(drained.json().get("state").asText()).isEqualTo("draining");
        var moved = slotOn("host-c");
        assertThat(moved.get("index").asInt()).isEqualTo(before.get("index").asInt());
        assertThat(moved.get("generation").asInt()).as("a new generation: the fence")
                .isEqualTo(before.get("generation").asInt() + 1);
        assertThat(slotOn("host-a").get("generation").asInt()).as("the old process keeps running meanwhile")
                .isEqualTo(before.get("generation").asInt());
        var early = api.delete(admin, "/hosts/host-a");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.message()).contains("still holds web." + before.get("index").asInt() + " of shop");

        report("host-c", "web", moved.get("index").asInt(), moved.get("generation").asInt(), "up");

        assertThat(desired("host-a")).as("handed off: the old one drains and stops").isEmpty();
        var removed = api.delete(admin, "/hosts/host-a");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("state").asText()).isEqualTo("removed");
    }

    @Test
    void nothing_new_is_placed_on_a_draining_host_and_undraining_takes_it_back() {
        handOff("host-b", "host-a");
        assertThat(desired("host-b")).isEmpty();

        api.patch(admin, "/apps/shop/formation/web", "{\"quantity\":3}");
        assertThat(desired("host-a")).hasSize(3);

        var undrained = api.post(admin, "/hosts/host-b/actions/undrain", null);
        assertThat(undrained.status()).isEqualTo(200);
        assertThat(undrained.json().get("state").asText()).isEqualTo("up");
        api.patch(admin, "/apps/shop/formation/web", "{\"quantity\":4}");
        assertThat(desired("host-b")).hasSize(1);
    }

    /** Drains {@code from}, whose one web slot moves to {@code to}, and reports it up there: the handoff ends. */
    private void handOff(String from, String to) {
        int index = slotOn(from).get("index").asInt();
        assertThat(api.post(admin, "/hosts/" + from + "/actions/drain", null).status()).isEqualTo(200);
        var moved = desired(to).stream().filter(s -> s.get("index").asInt() == index).findFirst().orElseThrow();
        report(to, "web", index, moved.get("generation").asInt(), "up");
    }

    @Test
    void removing_a_host_that_is_up_is_refused_with_what_to_do() {
        var refused = api.delete(admin, "/hosts/host-a");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("paas hosts:drain host-a");
        assertThat(state("host-a")).isEqualTo("up");
    }

    @Test
    void a_removed_hosts_agent_runs_nothing_and_takes_no_part_until_the_host_is_undrained() {
        handOff("host-b", "host-a");
        assertThat(api.delete(admin, "/hosts/host-b").status()).isEqualTo(200);
        String b = alive.get("host-b");

        assertThat(api.get(admin, "/agents/" + b + "/instances").json()).isEmpty();
        var heartbeat = api.post(admin, "/agents/" + b + "/heartbeat", null);
        assertThat(heartbeat.status()).isEqualTo(403);
        assertThat(heartbeat.message()).contains("paas hosts:undrain host-b");
        assertThat(reportStatus("host-b", "web", 1, 0, "up")).isEqualTo(403);
        assertThat(api.post(admin, "/hosts/host-b/actions/drain", null).status()).isEqualTo(409);
        var again = api.post(admin, "/agents", "{\"name\":\"host-b\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}");
        assertThat(again.status()).as("it may register, to learn it runs nothing").isEqualTo(201);
        api.patch(admin, "/apps/shop/formation/web", "{\"quantity\":3}");
        assertThat(api.get(admin, "/agents/" + b + "/instances").json()).isEmpty();
        assertThat(state("host-b")).isEqualTo("removed");

        assertThat(api.post(admin, "/hosts/host-b/actions/undrain", null).status()).isEqualTo(200);
        await("host-b's agent back, heartbeating", () -> state("host-b").equals("up"));
        api.patch(admin, "/apps/shop/formation/web", "{\"quantity\":4}");
        assertThat(api.get(admin, "/agents/" + b + "/instances").json()).hasSize(1);
    }

    @Test
    void a_lost_host_is_listed_lost_its_slot_moves_at_a_new_generation_and_it_can_then_be_removed() {
        var before = slotOn("host-b");
        alive.remove("host-b");

        await("host-b lost", () -> state("host-b").equals("lost"));
        await("its slot on host-a", () -> desired("host-a").size() == 2);

        var moved = desired("host-a").stream().filter(s -> s.get("index").asInt() == before.get("index").asInt())
                .findFirst().orElseThrow();
        assertThat(moved.get("generation").asInt()).isEqualTo(before.get("generation").asInt() + 1);
        assertThat(api.delete(admin, "/hosts/host-b").status()).isEqualTo(200);
        assertThat(state("host-b")).isEqualTo("removed");
    }

    private void register(String name) {
        var agent = api.post(admin, "/agents", "{\"name\":\"" + name + "\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        alive.put(name, agent.json().get("id").asText());
    }

    private List<JsonNode> desired(String host) {
        var all = new ArrayList<JsonNode>();
        api.get(admin, "/agents/" + id(host) + "/instances").json().forEach(all::add);
        return all;
    }

    private JsonNode slotOn(String host) {
        var slots = desired(host);
        assertThat(slots).as("slots on " + host).hasSize(1);
        return slots.getFirst();
    }

    private String id(String host) {
        return alive.containsKey(host) ? alive.get(host) : idOf(host);
    }

    private String idOf(String host) {
        for (var agent : api.get(admin, "/agents").json()) {
            if (agent.get("name").asText().equals(host)) {
                return agent.get("id").asText();
            }
        }
        throw new AssertionError("no agent " + host);
    }

    private JsonNode host(String name) {
        for (var host : api.get(admin, "/hosts").json()) {
            if (host.get("name").asText().equals(name)) {
                return host;
            }
        }
        throw new AssertionError("no host " + name);
    }

    private String state(String name) {
        return host(name).get("state").asText();
    }

    private void report(String host, String type, int index, String state) {
        report(host, type, index, 0, state);
    }

    private void report(String host, String type, int index, int generation, String state) {
        assertThat(reportStatus(host, type, index, generation, state)).isEqualTo(204);
    }

    private int reportStatus(String host, String type, int index, int generation, String state) {
        String app = api.get(admin, "/apps/shop").json().get("id").asText();
        return api.call("PUT", admin, "/agents/" + id(host) + "/reports",
                "{\"instances\":[{\"container_id\":\"c-" + host + "\",\"app_id\":\"" + app + "\",\"type\":\"" + type
                        + "\",\"index\":" + index + ",\"release\":3,\"state\":\"" + state + "\",\"port\":41000,"
                        + "\"generation\":" + generation + "}]}").status();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within 30 s: " + what);
    }
}
