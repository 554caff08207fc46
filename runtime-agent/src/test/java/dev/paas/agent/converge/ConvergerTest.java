package dev.paas.agent.converge;

import dev.paas.client.ProcessState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.paas.agent.container.Container;
import dev.paas.agent.container.DockerRuntime;
import dev.paas.agent.container.FlakyEngine;
import dev.paas.agent.reconcile.Action;
import dev.paas.agent.reconcile.ActualInstance;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.agent.reconcile.InstanceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconciliation passes against the real Docker engine, with processes from the stack image. */
class ConvergerTest {
    private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    private static final String IMAGE = System.getenv().getOrDefault("PAAS_STACK_IMAGE", "paas/stack:bookworm");
    private static final List<String> WEB = List.of("sh", "-c", "exec python3 -m http.server \"$PORT\"");
    private final DockerRuntime docker = new DockerRuntime(HOST);
    private final String agent = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Converger converger = new Converger(docker, agent, "127.0.0.1", "1000:1000", Duration.ofSeconds(5));

    @AfterEach
    void removeContainers() throws Exception {
        docker.list(Labels.AGENT + "=" + agent).forEach(c -> docker.remove(c.id()));
        docker.networks(Labels.AGENT + "=" + agent).forEach(docker::removeNetwork);
        docker.close();
    }

    @Test
    void scaling_from_zero_to_three_to_one_runs_exactly_that_many_serving_containers() {
        settle(web(3, 1));
        assertThat(upDynos()).containsExactlyInAnyOrder("web.1", "web.2", "web.3");

        settle(web(1, 1));
        assertThat(upDynos()).containsExactly("web.1");
        assertThat(docker.list(Labels.AGENT + "=" + agent)).hasSize(1);
    }

    @Test
    void a_converged_host_needs_nothing_and_a_restarted_agent_adopts_its_containers() {
        settle(web(2, 1));
        var before = ids();

        assertThat(converger.converge(web(2, 1))).isEmpty();
        var restarted = new Converger(docker, agent, "127.0.0.1", "1000:1000", Duration.ofSeconds(5));
        assertThat(restarted.converge(web(2, 1))).as("a new agent process restarts nothing").isEmpty();
        assertThat(ids()).isEqualTo(before);
    }

    @Test
    void a_new_release_replaces_each_slot_without_a_moment_of_nothing_up() {
        settle(web(2, 1));

        for (int pass = 0; pass < 200; pass++) {
            var actions = converger.converge(web(2, 2));
            for (String dyno : List.of("web.1", "web.2")) {
                assertThat(converger.actual()).as("pass %d: something serves %s", pass, dyno)
                        .anyMatch(a -> a.key().dyno().equals(dyno) && a.state() == ActualInstance.State.UP);
            }
            if (actions.isEmpty()) {
                break;
            }
        }
        assertThat(converger.actual()).extracting(ActualInstance::release).containsOnly(2).hasSize(2);
    }

    @Test
    void a_replaced_web_process_keeps_serving_through_the_drain_before_its_sigterm() {
        var draining = new Converger(docker, agent, "127.0.0.1", "1000:1000", Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofMinutes(5), ProcessLog.NONE, () -> { }, Duration.ofSeconds(2));
        settle(draining, web(1, 1));
        String old = docker.list(Labels.AGENT + "=" + agent).getFirst().id();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        java.time.Instant newUp = null;
        while (System.nanoTime() < deadline && docker.list(Labels.AGENT + "=" + agent).stream()
                .anyMatch(c -> c.id().equals(old) && c.running())) {
            draining.converge(web(1, 2));
            if (newUp == null && draining.draining()) {
                // The pass that saw v2 up asked v1 to stop: v1 waits out its drain.
                newUp = java.time.Instant.now();
                assertThat(draining.actual()).anyMatch(a -> a.release() == 2 && up().test(a));
            }
        }

        assertThat(newUp).as("v2 came up and v1 drained").isNotNull();
        assertThat(java.time.Duration.between(newUp, java.time.Instant.now()))
                .as("the old one ran on for the drain after its replacement was up")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        settle(draining, web(1, 2));
        assertThat(draining.actual()).extracting(ActualInstance::release).containsExactly(2);
        assertThat(draining.draining()).isFalse();
    }

    @Test
    void a_restarted_web_process_is_replaced_by_one_that_accepts_first_and_drains_from_the_report_that_said_so() {
        var draining = new Converger(docker, agent, "127.0.0.1", "1000:1000", Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofMinutes(5), ProcessLog.NONE, () -> { }, Duration.ofSeconds(2));
        settle(draining, web(1, 1));
        String old = docker.list(Labels.AGENT + "=" + agent).getFirst().id();
        var restarted = web(1, 1).stream().map(d -> new DesiredInstance(d.key(), d.release(), d.image(), d.command(),
                d.env(), d.size(), false, 1)).toList();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !draining.draining()) {
            draining.converge(restarted);
        }
        assertThat(draining.draining()).as("the old process was asked to stop").isTrue();
        var askedAt = java.time.Instant.now();
        assertThat(draining.actual()).as("only once the new generation accepts connections")
                .anyMatch(a -> a.generation() == 1 && up().test(a));
        while (java.time.Instant.now().isBefore(askedAt.plusSeconds(1))) {
            draining.converge(restarted); // no report yet: routers still send it requests
        }
        assertThat(running(old)).as("not stopped before routers were told").isTrue();

        var reportedAt = java.time.Instant.now();
        draining.reported(reportedAt);
        while (System.nanoTime() < deadline && running(old)) {
            draining.converge(restarted);
        }

        assertThat(running(old)).isFalse();
        assertThat(Duration.between(reportedAt, java.time.Instant.now())).as("drained from the report on")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(draining.actual()).singleElement().satisfies(a -> assertThat(a.generation()).isEqualTo(1));
    }

    private boolean running(String id) {
        return docker.list(Labels.AGENT + "=" + agent).stream().anyMatch(c -> c.id().equals(id) && c.running());
    }

    @Test
    void a_crashed_process_is_replaced() {
        settle(List.of(worker("sh", "-c", "sleep 300")));
        Container first = docker.list(Labels.AGENT + "=" + agent).getFirst();
        docker.stop(first.id(), Duration.ZERO);

        var actions = converger.converge(List.of(worker("sh", "-c", "sleep 300")));

        assertThat(actions).hasAtLeastOneElementOfType(Action.Remove.class).hasAtLeastOneElementOfType(Action.Start.class);
        assertThat(docker.list(Labels.AGENT + "=" + agent)).singleElement()
                .satisfies(c -> assertThat(c.id()).isNotEqualTo(first.id()))
                .satisfies(c -> assertThat(c.running()).isTrue());
    }

    @Test
    void a_web_process_that_never_binds_its_port_is_killed_at_the_boot_timeout_reported_crashed_and_restarted() {
        var impatient = new Converger(docker, agent, "127.0.0.1", "1000:1000", Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofMinutes(5), ProcessLog.NONE, () -> { }, Duration.ZERO);
        var deaf = List.of(new DesiredInstance(new InstanceKey("shop", "web", 1), 1, IMAGE, List.of("sleep", "600"),
                Map.of(), "standard-1X"));
        impatient.converge(deaf);
        String first = docker.list(Labels.AGENT + "=" + agent).getFirst().id();

        var reports = new ArrayList<Observed>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && docker.list(Labels.AGENT + "=" + agent).stream()
                .noneMatch(c -> !c.id().equals(first))) {
            reports.addAll(impatient.pass(deaf).report());
        }

        var containers = docker.list(Labels.AGENT + "=" + agent);
        assertThat(containers).as("the first was killed and removed, a new one started").singleElement()
                .satisfies(c -> assertThat(c.id()).isNotEqualTo(first));
        assertThat(reports).as("its crash was reported, with the reason")
                .anySatisfy(o -> {
                    assertThat(o.instance().containerId()).isEqualTo(first);
                    assertThat(o.instance().processState()).isEqualTo(ProcessState.CRASHED);
                    assertThat(o.reason()).isEqualTo("boot timeout (R10: did not bind to $PORT within 2 s)");
                });
    }

    @Test
    void a_pass_lists_the_host_once_and_reports_that_observation_brought_up_to_date_by_its_actions() {
        var engine = new FlakyEngine(docker);
        var counted = new Converger(engine, agent, "127.0.0.1", "1000:1000", Duration.ofSeconds(5));

        var first = counted.pass(web(2, 1));

        assertThat(engine.lists()).as("one listing per pass").isEqualTo(1);
        assertThat(first.report()).as("the processes it started, as the engine has them")
                .extracting(o -> o.instance().key().dyno(), o -> o.instance().processState())
                .containsExactlyInAnyOrder(tuple("web.1", ProcessState.STARTING), tuple("web.2", ProcessState.STARTING));
        assertThat(first.report()).allSatisfy(o -> assertThat(o.hostPort()).isNotNull());

        settle(counted, web(2, 1));
        int before = engine.lists();
        var scaledDown = counted.pass(web(1, 1));

        assertThat(engine.lists() - before).as("one listing per pass").isEqualTo(1);
        assertThat(scaledDown.done()).singleElement().isInstanceOf(Action.Stop.class);
        assertThat(scaledDown.report()).as("the stopped process is no longer reported")
                .extracting(o -> o.instance().key().dyno()).containsExactly("web.1");
    }

    private void settle(List<DesiredInstance> desired) {
        settle(converger, desired);
    }

    private static void settle(Converger converger, List<DesiredInstance> desired) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (converger.converge(desired).isEmpty() && !converger.draining() && converger.actual().stream()
                    .allMatch(a -> a.state() == ActualInstance.State.UP)) {
                return;
            }
        }
        throw new AssertionError("not converged within 60 s: " + converger.actual());
    }

    private Set<String> upDynos() {
        return converger.actual().stream().filter(up()).map(a -> a.key().dyno()).collect(Collectors.toSet());
    }

    private static Predicate<ActualInstance> up() {
        return a -> a.state() == ActualInstance.State.UP;
    }

    private List<String> ids() {
        return new ArrayList<>(docker.list(Labels.AGENT + "=" + agent).stream().map(Container::id).sorted().toList());
    }

    private static List<DesiredInstance> web(int quantity, int release) {
        return IntStream.rangeClosed(1, quantity).mapToObj(i -> new DesiredInstance(new InstanceKey("shop", "web", i),
                release, IMAGE, WEB, Map.of("GREETING", "v" + release), "standard-1X")).toList();
    }

    private static DesiredInstance worker(String... command) {
        return new DesiredInstance(new InstanceKey("shop", "worker", 1), 1, IMAGE, List.of(command), Map.of(),
                "standard-1X");
    }
}
