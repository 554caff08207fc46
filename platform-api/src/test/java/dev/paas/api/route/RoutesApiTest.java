package dev.paas.api.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PlatformExtension.class)
class RoutesApiTest {
    private TestPlatform platform;
    private Api api;
    private String admin;
    private String agent;
    private String appId;

    @BeforeEach
    void anAgentAndADeployedApp(TestPlatform platform, Api api) {
        this.platform = platform;
        this.api = api;
        this.admin = platform.admin("ops@example.com");
        var registered = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}");
        agent = registered.json().get("id").asText();
        appId = api.post(admin, "/apps", "{\"name\":\"shop\"}").json().get("id").asText();
        Deploys.deploy(api, admin, "shop", "abcdef0", "img:1");
    }

    @Test
    void the_table_lists_hostnames_and_the_up_web_processes_with_the_latest_event_id() throws SQLException {
        api.post(admin, "/apps/shop/domains", "{\"hostname\":\"www.shop.example\"}");
        report(web(1, 2, "up", 5001), web(2, 2, "starting", 5002), worker(1, 2));

        var table = api.get(admin, "/routes");

        assertThat(table.status()).isEqualTo(200);
        JsonNode route = table.json().get("routes").get(0);
        assertThat(route.get("app").asText()).isEqualTo("shop");
        assertThat(route.get("hostnames")).extracting(JsonNode::asText)
                .containsExactly("shop.paas.test", "www.shop.example");
        assertThat(route.get("web").asText()).isEqualTo("up");
        assertThat(route.get("backends")).hasSize(1);
        assertThat(route.get("backends").get(0).get("dyno").asText()).isEqualTo("web.1");
        assertThat(route.get("backends").get(0).get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(route.get("backends").get(0).get("port").asInt()).isEqualTo(5001);
        assertThat(table.json().get("event_id").asLong()).isEqualTo(latestEventId());
    }

    @Test
    void a_report_that_changes_the_routable_processes_emits_routes_changed_and_one_that_does_not_stays_quiet()
            throws SQLException {
        report(web(1, 2, "starting", 5001));
        assertThat(routesChanged()).isEqualTo(1); // none -> starting

        report(web(1, 2, "up", 5001));
        assertThat(routesChanged()).isEqualTo(2);

        report(web(1, 2, "up", 5001), worker(1, 2));
        assertThat(routesChanged()).isEqualTo(2);

        report();
        assertThat(routesChanged()).isEqualTo(3);
        assertThat(api.get(admin, "/routes").json().get("routes").get(0).get("web").asText()).isEqualTo("none");
    }

    @Test
    void crashed_web_processes_are_told_apart_from_none() {
        report(web(1, 2, "crashed", null));

        assertThat(api.get(admin, "/routes").json().get("routes").get(0).get("web").asText()).isEqualTo("crashed");
    }

    @Test
    void only_admins_read_the_route_table() {
        assertThat(api.get(platform.user("plain@example.com"), "/routes").status()).isEqualTo(403);
        assertThat(api.get(null, "/routes").status()).isEqualTo(401);
    }

    @Test
    void destroyed_apps_leave_the_table() {
        api.delete(admin, "/apps/shop");

        assertThat(api.get(admin, "/routes").json().get("routes")).isEmpty();
    }

    private void report(String... instances) {
        var response = api.call("PUT", admin, "/agents/" + agent + "/reports",
                "{\"instances\":[" + String.join(",", instances) + "]}");
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private String web(int index, int release, String state, Integer port) {
        return "{\"container_id\":\"web" + index + "r" + release + "\",\"app_id\":\"" + appId + "\",\"type\":\"web\","
                + "\"index\":" + index + ",\"release\":" + release + ",\"state\":\"" + state + "\",\"port\":" + port + "}";
    }

    private String worker(int index, int release) {
        return "{\"container_id\":\"worker" + index + "\",\"app_id\":\"" + appId + "\",\"type\":\"worker\","
                + "\"index\":" + index + ",\"release\":" + release + ",\"state\":\"up\"}";
    }

    private long routesChanged() throws SQLException {
        return count("select count(*) from events where kind = 'routes.changed'");
    }

    private long latestEventId() throws SQLException {
        return count("select coalesce(max(position), 0) from events");
    }

    private long count(String sql) throws SQLException {
        var values = new ArrayList<Long>();
        try (var c = platform.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return List.copyOf(values).getFirst();
    }
}
