package dev.paas.api.addon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An ordinary user cannot exhaust the hosts with add-ons: a plan no agent can hold is refused, one
 * that does not fit now waits (as a process does) and is placed when room frees, each add-on's
 * memory counts against its agent, and one user may have at most PAAS_MAX_ADDONS_PER_USER (10).
 */
@ExtendWith(PlatformExtension.class)
class AddonCapacityTest {
    private Api api;
    private String admin;
    private String mallory;
    private String agentId;

    @BeforeEach
    void hostileUserAndSmallAgent(TestPlatform platform, Api api) {
        this.api = api;
        this.admin = platform.admin("ops@example.com");
        this.mallory = platform.user("mallory@example.com");
        assertThat(api.post(mallory, "/apps", "{\"name\":\"hog\"}").status()).isEqualTo(201);
        var agent = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":600}");
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        agentId = agent.json().get("id").asText();
    }

    @Test
    void a_plan_larger_than_every_agent_is_refused_with_the_sizes_and_changes_nothing() {
        heartbeat();
        var refused = api.post(mallory, "/apps/hog/addons", "{\"plan\":\"heroku-postgresql:essential-2\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.message()).contains("needs 1024 MB").contains("largest runtime agent offers 600 MB")
                .contains("smaller plan");
        assertThat(api.get(mallory, "/apps/hog/addons").json()).isEmpty();
        assertThat(desired()).isEmpty();
    }

    @Test
    void add_ons_that_do_not_fit_wait_for_room_and_are_placed_once_it_frees() throws Exception {
        String big = create("heroku-postgresql:essential-1");
        String waiting = create("heroku-postgresql:essential-0");

        assertThat(desired()).extracting(a -> a.get("name").asText()).as("512 + 256 MB exceed the agent's 600 MB")
                .containsExactly(big);
        assertThat(api.get(mallory, "/addons/" + waiting).json().get("state").asText()).isEqualTo("provisioning");
        assertThat(api.get(mallory, "/apps/hog/logs?num=50").body()).contains(waiting + " waits for room: no agent has "
                + "256 MB free; largest free is 88 MB");

        assertThat(api.delete(mallory, "/addons/" + big + "?confirm=hog").status()).isEqualTo(200);

        await(() -> {
            heartbeat();
            return desired().size() == 1 && desired().get(0).get("name").asText().equals(waiting);
        });
        assertThat(api.get(mallory, "/apps/hog/logs?num=50").body()).contains(waiting + " found room on an agent");
    }

    @Test
    void one_user_may_have_ten_add_ons_across_apps_and_the_eleventh_is_refused(TestPlatform platform) {
        assertThat(api.post(mallory, "/apps", "{\"name\":\"hog2\"}").status()).isEqualTo(201);
        for (int i = 0; i < 10; i++) {
            heartbeat();
            var created = api.post(mallory, "/apps/" + (i % 2 == 0 ? "hog" : "hog2") + "/addons",
                    "{\"plan\":\"redis\",\"attachment\":{\"name\":\"CACHE" + i + "\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }

        var refused = api.post(mallory, "/apps/hog2/addons", "{\"plan\":\"redis\",\"attachment\":{\"name\":\"MORE\"}}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.message()).contains("You have 10 add-ons").contains("PAAS_MAX_ADDONS_PER_USER=10")
                .contains("addons:destroy");
        assertThat(api.get(mallory, "/addons").json()).hasSize(10);
        String other = platform.user("other@example.com");
        assertThat(api.post(other, "/apps", "{\"name\":\"fine\"}").status()).isEqualTo(201);
        heartbeat();
        assertThat(api.post(other, "/apps/fine/addons", "{\"plan\":\"redis\"}").status())
                .as("the limit is per user").isEqualTo(201);
    }

    private String create(String plan) {
        heartbeat();
        var created = api.post(mallory, "/apps/hog/addons", "{\"plan\":\"" + plan + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("name").asText();
    }

    private void heartbeat() {
        assertThat(api.post(admin, "/agents/" + agentId + "/heartbeat", "{}").status()).isLessThan(300);
    }

    private JsonNode desired() {
        return api.get(admin, "/agents/" + agentId + "/addons").json();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("not within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
