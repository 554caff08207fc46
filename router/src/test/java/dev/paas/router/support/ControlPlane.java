package dev.paas.router.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.api.Api;
import dev.paas.api.Deploys;
import dev.paas.api.TestPlatform;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real control plane seen from a router test: apps, domains, and a fake runtime agent whose
 * reports put test backends (on 127.0.0.1) into the route table.
 */
public final class ControlPlane {
    private final TestPlatform platform;
    private final Api api;
    private final String admin;
    private final String agent;
    private final Map<String, String> appIds = new HashMap<>();
    private final Map<String, String> reports = new LinkedHashMap<>();

    public ControlPlane(TestPlatform platform) {
        this.platform = platform;
        this.api = new Api(platform.baseUrl(), platform::builderToken);
        this.admin = platform.admin("ops@example.com");
        var registered = api.post(admin, "/agents", "{\"name\":\"host-a\",\"address\":\"127.0.0.1\",\"memory_mb\":4096}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        this.agent = registered.json().get("id").asText();
    }

    public Api api() {
        return api;
    }

    public String admin() {
        return admin;
    }

    /** Creates and deploys an app: its current release is v2. */
    public void createApp(String name) {
        var created = api.post(admin, "/apps", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        appIds.put(name, created.json().get("id").asText());
        Deploys.deploy(api, admin, name, "abcdef0", "img:1");
    }

    /** Appends a release (a config change), as a deploy does; returns its version. */
    public int release(String app) {
        var changed = api.patch(admin, "/apps/" + app + "/config-vars", "{\"V\":\"" + System.nanoTime() + "\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        return versions(app); // versions are gapless from v1
    }

    private int versions(String app) {
        return api.get(admin, "/apps/" + app + "/releases").json().size();
    }

    /** Sets the number of web slots: only processes in a slot take requests. */
    public void scale(String app, int web) {
        var scaled = api.patch(admin, "/apps/" + app + "/formation/web", "{\"quantity\":" + web + "}");
        assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
    }

    public void addDomain(String app, String hostname) {
        var added = api.post(admin, "/apps/" + app + "/domains", "{\"hostname\":\"" + hostname + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }

    public void web(String app, int index, int release, String state, Integer port) {
        ensureWebSlots(app, index);
        reports.put(app + "/" + index + "/" + release, "{\"container_id\":\"" + app + "-web" + index + "-v" + release
                + "\",\"app_id\":\"" + appIds.get(app) + "\",\"type\":\"web\",\"index\":" + index + ",\"release\":"
                + release + ",\"state\":\"" + state + "\",\"port\":" + port + "}");
        send();
    }

    /** Only processes in a slot of the formation take requests: scale web up to {@code index} if needed. */
    private void ensureWebSlots(String app, int index) {
        var web = api.get(admin, "/apps/" + app + "/formation/web");
        assertThat(web.status()).as(web.body()).isEqualTo(200);
        if (web.json().get("quantity").asInt() < index) {
            var scaled = api.patch(admin, "/apps/" + app + "/formation/web", "{\"quantity\":" + index + "}");
            assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
        }
    }

    public void gone(String app, int index, int release) {
        reports.remove(app + "/" + index + "/" + release);
        send();
    }

    private void send() {
        var response = api.call("PUT", admin, "/agents/" + agent + "/reports",
                "{\"instances\":[" + String.join(",", reports.values()) + "]}");
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    /** The router's settings against this control plane, with {@code overrides} on top. */
    public Map<String, String> routerEnv(String... overrides) {
        var env = new HashMap<String, String>(Map.of(
                "PAAS_API_URL", platform.baseUrl(),
                "PAAS_API_KEY", admin,
                "PAAS_ROUTER_PORT", "0",
                "PAAS_ROUTER_ADMIN_PORT", "0",
                "PAAS_DOMAIN", "paas.test",
                "PAAS_ROUTER_IO_THREADS", "2"));
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return env;
    }
}
