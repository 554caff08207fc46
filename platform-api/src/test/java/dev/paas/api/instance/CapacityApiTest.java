package dev.paas.api.instance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.DynoSize;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Capacity through the real API, one agent of 4096 MB: every change (quantity or size) is placed
 * with sizes counted; what can never fit is refused, what only lacks room now waits, with why.
 */
@ExtendWith(PlatformExtension.class)
class CapacityApiTest {
    private Api api;
    private String admin;
    private String agent;

    @BeforeEach
    void oneAgentAndTwoApps(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("capacity@example.com");
        agent = register();
        for (String app : List.of("mine", "other")) {
            assertThat(api.post(admin, "/apps", "{\"name\":\"" + app + "\"}").status()).isEqualTo(201);
            Deploys.deploy(api, admin, app, "abcdef0", "img:1");
        }
    }

    @Test
    void resizing_to_a_size_no_agent_could_hold_is_refused_and_changes_nothing() {
        var resize = api.patch(admin, "/apps/mine/formation/web", "{\"size\":\"performance-L\"}");

        assertThat(resize.status()).isEqualTo(422);
        assertThat(resize.message()).contains("performance-L process needs 14336 MB")
                .contains("largest runtime agent offers 4096 MB");
        assertThat(api.get(admin, "/apps/mine/formation/web").json().get("size").asText()).isEqualTo("standard-1X");
        assertThat(usedMb()).isLessThanOrEqualTo(4096);
    }

    @Test
    void scaling_beyond_what_all_agents_together_could_hold_is_refused() {
        var scale = api.patch(admin, "/apps/mine/formation/web", "{\"quantity\":10,\"size\":\"standard-2X\"}");

        assertThat(scale.status()).isEqualTo(422);
        assertThat(scale.message()).contains("needs 10240 MB in all").contains("offer 4096 MB in all");
        assertThat(api.get(admin, "/apps/mine/formation/web").json().get("quantity").asInt()).isEqualTo(1);
    }

    @Test
    void scaling_beyond_what_is_free_now_is_accepted_and_the_slots_without_room_wait_with_why() {
        assertThat(api.patch(admin, "/apps/other/formation/web", "{\"quantity\":3,\"size\":\"standard-2X\"}")
                .status()).isEqualTo(200);

        var scale = api.patch(admin, "/apps/mine/formation/web", "{\"quantity\":4}");

        assertThat(scale.status()).isEqualTo(200);
        assertThat(usedMb()).isEqualTo(4096);
        var dynos = api.get(admin, "/apps/mine/dynos").json();
        var waiting = new ArrayList<JsonNode>();
        dynos.forEach(d -> {
            if (d.get("state").asText().equals("waiting")) {
                waiting.add(d);
            }
        });
        assertThat(waiting).extracting(d -> d.get("name").asText()).containsExactly("web.3", "web.4");
        assertThat(waiting).allSatisfy(d -> assertThat(d.get("reason").asText())
                .isEqualTo("no agent has 512 MB free; largest free is 0 MB"));
        assertThat(waiting.getFirst().get("size").asText()).isEqualTo("standard-1X");
        assertThat(waiting.getFirst().get("type").asText()).isEqualTo("web");
    }

    @Test
    void resizing_a_placed_process_beyond_its_agents_room_moves_it_to_waiting_instead_of_overcommitting() {
        assertThat(api.patch(admin, "/apps/other/formation/web", "{\"quantity\":7}").status()).isEqualTo(200);
        assertThat(usedMb()).isEqualTo(4096);

        var resize = api.patch(admin, "/apps/mine/formation/web", "{\"size\":\"performance-M\"}");

        assertThat(resize.status()).isEqualTo(200);
        assertThat(usedMb()).as("never more than the agent offers").isLessThanOrEqualTo(4096);
        assertThat(slots("mine")).isEmpty();
        var web1 = api.get(admin, "/apps/mine/dynos").json().get(0);
        assertThat(web1.get("name").asText()).isEqualTo("web.1");
        assertThat(web1.get("state").asText()).isEqualTo("waiting");
        assertThat(web1.get("reason").asText()).isEqualTo("no agent has 2560 MB free; largest free is 512 MB");

        assertThat(api.patch(admin, "/apps/other/formation/web", "{\"quantity\":1}").status()).isEqualTo(200);
        register(); // a (re-)registration places waiting slots, as the agent monitor does periodically
        assertThat(slots("mine")).singleElement().satisfies(s -> assertThat(s.get("size").asText())
                .isEqualTo("performance-M"));
    }

    @Test
    void resizing_within_the_agents_room_restarts_the_slots_so_they_get_the_new_limits() {
        int before = slots("mine").getFirst().get("generation").asInt();

        assertThat(api.patch(admin, "/apps/mine/formation/web", "{\"size\":\"standard-2X\"}").status())
                .isEqualTo(200);

        var web = slots("mine").getFirst();
        assertThat(web.get("size").asText()).isEqualTo("standard-2X");
        assertThat(web.get("generation").asInt()).isEqualTo(before + 1);
    }

    @Test
    void scaling_down_is_never_refused() {
        assertThat(api.patch(admin, "/apps/mine/formation/web", "{\"quantity\":0}").status()).isEqualTo(200);
    }

    private List<JsonNode> slots(String app) {
        var all = new ArrayList<JsonNode>();
        api.get(admin, "/agents/" + agent + "/instances").json().forEach(s -> {
            if (s.get("app").asText().equals(app)) {
                all.add(s);
            }
        });
        return all;
    }

    private int usedMb() {
        int used = 0;
        for (var s : api.get(admin, "/agents/" + agent + "/instances").json()) {
            used += DynoSize.of(s.get("size").asText()).orElseThrow().memoryMb();
        }
        return used;
    }

    private String register() {
        var response = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }
}
