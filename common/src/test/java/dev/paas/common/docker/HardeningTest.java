package dev.paas.common.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the real Docker engine and the stack image bin/test builds: what the engine was told, and what the process sees. */
class HardeningTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private static final String LABEL = "dev.paas.common.test";
    /** What the kernel says of the process itself: its uid, effective capabilities and no_new_privs bit. */
    private static final List<String> SHOW_STATUS = List.of("sh", "-c",
            "grep -E '^(Uid|CapEff|NoNewPrivs):' /proc/self/status");
    private final DockerClient docker = DockerClients.connect(HOST, Duration.ofSeconds(60));
    private final String run = UUID.randomUUID().toString();
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeOurContainers() throws Exception {
        for (String id : created) {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        docker.close();
    }

    @Test
    void an_app_process_runs_unprivileged_with_every_limit_and_capped_logs() throws Exception {
        var hardening = Hardening.appProcess("1000:1000", 64, 32, null, "1m", 2);

        String id = runToEnd(hardening);
        var host = inspect(id).getHostConfig();

        assertThat(inspect(id).getConfig().getUser()).isEqualTo("1000:1000");
        assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(host.getMemorySwap()).as("no swap beyond the memory limit").isEqualTo(64L * 1024 * 1024);
        assertThat(host.getPidsLimit()).isEqualTo(32L);
        assertThat(host.getPrivileged()).isFalse();
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getCapAdd()).isNullOrEmpty();
        assertThat(host.getSecurityOpts()).contains("no-new-privileges");
        assertThat(host.getInit()).isTrue();
        assertThat(host.getLogConfig().getType().getType()).isEqualTo("json-file");
        assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", "1m").containsEntry("max-file", "2");
        assertThat(inspect(id).getMounts()).as("nothing of the host").isNullOrEmpty();
        assertThat(output(id)).contains("NoNewPrivs:\t1").contains("CapEff:\t0000000000000000")
                .containsPattern("Uid:\\s+1000\\s+1000");
    }

    @Test
    void a_build_starts_as_root_with_only_the_capabilities_to_hand_over_its_mounts() throws Exception {
        var hardening = Hardening.build("0", 64, 4096);

        String id = runToEnd(hardening);
        var host = inspect(id).getHostConfig();

        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getCapAdd()).containsExactlyInAnyOrder(Capability.CHOWN, Capability.FOWNER,
                Capability.DAC_OVERRIDE, Capability.SETUID, Capability.SETGID);
        assertThat(host.getSecurityOpts()).contains("no-new-privileges");
        assertThat(host.getPrivileged()).isFalse();
        assertThat(host.getMemorySwap()).isEqualTo(64L * 1024 * 1024);
        assertThat(host.getPidsLimit()).isEqualTo(4096L);
        assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", Hardening.LOG_MAX_SIZE)
                .containsEntry("max-file", String.valueOf(Hardening.LOG_MAX_FILES));
        assertThat(host.getNetworkMode()).as("builds fetch packages: the default bridge").isIn(null, "default", "bridge");
        // CHOWN (bit 0), DAC_OVERRIDE (1), FOWNER (3), SETGID (6), SETUID (7): 0xcb, and nothing else
        assertThat(output(id)).contains("CapEff:\t00000000000000cb").contains("NoNewPrivs:\t1");
    }

    @Test
    void root_without_the_setup_role_or_an_extra_capability_is_refused() {
        assertThatThrownBy(() -> Hardening.appProcess("0:0", 64, 32, null, "1m", 1))
                .hasMessageContaining("must not run as root");
        assertThatThrownBy(() -> Hardening.appProcess("root", 64, 32, null, "1m", 1))
                .hasMessageContaining("must not run as root");
        assertThatThrownBy(() -> new Hardening("0", 64, 32, null, Set.of(Capability.SYS_ADMIN), "1m", 1))
                .hasMessageContaining("SYS_ADMIN");
    }

    private String runToEnd(Hardening hardening) throws InterruptedException {
        var create = docker.createContainerCmd(IMAGE).withCmd(SHOW_STATUS).withLabels(Map.of(LABEL, run));
        String id = hardening.applyTo(create, HostConfig.newHostConfig()).exec().getId();
        created.add(id);
        docker.startContainerCmd(id).exec();
        int code = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                .awaitStatusCode(30, TimeUnit.SECONDS);
        assertThat(code).as(output(id)).isZero();
        return id;
    }

    private InspectContainerResponse inspect(String id) {
        return docker.inspectContainerCmd(id).exec();
    }

    private String output(String id) throws InterruptedException {
        var out = new StringBuilder();
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        return out.toString();
    }
}
