package dev.paas.api.instance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Heroku's ps:stop actions, as the heroku CLI sends them. */
@ExtendWith(PlatformExtension.class)
class DynoStopApiTest {
    private Api api;
    private String admin;
    private String owner;
    private String agent;

    @BeforeEach
    void anAppWithTwoWebSlots(TestPlatform platform, Api api) {
        this.api = api;
        admin = platform.admin("ops@example.com");
        owner = platform.user("dev@example.com");
        agent = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":8192}")
                .json().get("id").asText();
        assertThat(api.post(owner, "/apps", "{\"name\":\"stoppable\"}").status()).isEqualTo(201);
        Deploys.deploy(api, owner, "stoppable", "abcdef0", "img:1");
        api.patch(owner, "/apps/stoppable/formation/web", "{\"quantity\":2}");
    }

    @Test
    void stopping_a_one_off_ends_it_for_good() {
        assertThat(api.post(owner, "/apps/stoppable/dynos", "{\"command\":\"sleep 1000\"}").status()).isEqualTo(201);
        assertThat(desired()).contains("run.1");

        var stopped = api.post(owner, "/apps/stoppable/dynos/run.1/actions/stop", null);

        assertThat(stopped.status()).as(stopped.body()).isEqualTo(202);
        assertThat(desired()).doesNotContain("run.1").contains("web.1", "web.2");
        assertThat(api.post(owner, "/apps/stoppable/dynos/run.1/actions/stop", null).status()).isEqualTo(404);
        assertThat(api.get(owner, "/apps/stoppable/logs?dyno=api").body()).contains("Stopping run.1 by user dev@example.com");
    }

    @Test
    void stopping_a_formation_process_or_type_replaces_it_since_the_formation_still_asks_for_it() {
        var one = api.post(owner, "/apps/stoppable/dynos/web.2/actions/stop", null);
        assertThat(one.status()).as(one.body()).isEqualTo(202);
        assertThat(generations()).containsExactly("web.1=0", "web.2=1");

        assertThat(api.post(owner, "/apps/stoppable/formations/web/actions/stop", null).status()).isEqualTo(202);
        assertThat(generations()).containsExactly("web.1=1", "web.2=2");
    }

    @Test
    void stopping_what_does_not_exist_or_is_malformed_is_refused() {
        assertThat(api.post(owner, "/apps/stoppable/dynos/web.9/actions/stop", null).status()).isEqualTo(404);
        assertThat(api.post(owner, "/apps/stoppable/formations/worker/actions/stop", null).status()).isEqualTo(404);
        assertThat(api.post(owner, "/apps/stoppable/dynos/web/actions/stop", null).status()).isEqualTo(422);
        assertThat(api.post(owner, "/apps/stoppable/formations/WEB!/actions/stop", null).status()).isEqualTo(422);
        assertThat(generations()).containsExactly("web.1=0", "web.2=0");
    }

    @Test
    void another_user_cannot_stop_processes_of_an_app_they_cannot_see(TestPlatform platform) {
        String stranger = platform.user("stranger@example.com");
        api.post(owner, "/apps/stoppable/dynos", "{\"command\":\"sleep 1000\"}");

        assertThat(api.post(stranger, "/apps/stoppable/dynos/run.1/actions/stop", null).status()).isEqualTo(404);
        assertThat(api.post(stranger, "/apps/stoppable/dynos/web.1/actions/stop", null).status()).isEqualTo(404);
        assertThat(api.post(stranger, "/apps/stoppable/formations/web/actions/stop", null).status()).isEqualTo(404);
        assertThat(desired()).contains("run.1");
        assertThat(generations()).containsExactly("web.1=0", "web.2=0");
    }

    private List<String> desired() {
        var names = new ArrayList<String>();
        api.get(admin, "/agents/" + agent + "/instances").json().forEach(n -> names.add(name(n)));
        return names;
    }

    private List<String> generations() {
        var all = new ArrayList<String>();
        api.get(admin, "/agents/" + agent + "/instances").json().forEach(n -> {
            if (!n.get("one_off").asBoolean()) {
                all.add(name(n) + "=" + n.get("generation").asInt());
            }
        });
        return all.stream().sorted().toList();
    }

    private static String name(JsonNode n) {
        return n.get("type").asText() + "." + n.get("index").asInt();
    }
}
