package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code paas hosts*} against a real API and Postgres, with an agent registered over HTTP. */
class HostsCliTest {
    private static CliFixture fixture;
    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        fixture = new CliFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void an_operator_lists_drains_undrains_and_removes_a_host() {
        String admin = fixture.createAdmin("ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        String host = "host-" + UUID.randomUUID().toString().substring(0, 8);
        new PlatformClient(URI.create(fixture.apiUrl()), admin)
                .registerAgent(new Wire.AgentRegistration(host, "10.0.0.7", 2048));
        assertThat(paas("login", "--token", admin).code()).isZero();

        var list = paas("hosts");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("=== Hosts").containsPattern(host + " +10\\.0\\.0\\.7 +up +0/2048 +0 ");

        var refused = paas("hosts:remove", host);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("paas hosts:drain " + host);

        var drain = paas("hosts:drain", host);
        assertThat(drain.code()).as(drain.err()).isZero();
        assertThat(drain.err()).contains("Draining host " + host + "... done, draining");
        assertThat(paas("hosts", "--json").out()).contains("\"state\" : \"draining\"");

        assertThat(paas("hosts:undrain", host).err()).contains("done, up");
        paas("hosts:drain", host);
        var remove = paas("hosts:remove", host);
        assertThat(remove.code()).as(remove.err()).isZero();
        assertThat(remove.err()).contains("Removing host " + host + "... done, removed");
    }

    @Test
    void a_user_who_is_not_an_operator_is_refused() {
        String user = fixture.createUser("dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        assertThat(paas("login", "--token", user).code()).isZero();

        var hosts = paas("hosts");

        assertThat(hosts.code()).isEqualTo(1);
        assertThat(hosts.err()).contains("Only operators (admin tokens) may see or change hosts.");
    }

    private CliFixture.Result paas(String... args) {
        return fixture.paas(home, home, "", args);
    }
}
