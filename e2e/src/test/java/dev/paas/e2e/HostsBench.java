package dev.paas.e2e;

import static dev.paas.e2e.HostFleet.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosts benchmark ({@code bench/run-hosts}; off in ordinary test runs): on {@link MultiHostTest}'s three
 * hosts, a lost host until its slots serve elsewhere, {@code scale web=50} until all are up, and the Node
 * sample's image reaching a fourth, new host. Prints the figures and writes {@code bench/results/hosts.txt}.
 */
@EnabledIfEnvironmentVariable(named = "PAAS_BENCH_HOSTS", matches = "1")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostsBench {
    static final Duration SETTLE = Duration.ofMinutes(5);
    @TempDir
    static Path dir;
    static HostFleet fleet;
    static final List<String> lines = new ArrayList<>();

    @BeforeAll
    static void threeHostsAndAnApp() throws Exception {
        fleet = HostFleet.start(dir, 4);
        for (int i = 0; i < 3; i++) {
            fleet.join(fleet.hosts.get(i)).orFail("join");
        }
        assertThat(fleet.push().output()).contains("Released v");
        ok(fleet.paas("ps:scale", "web=6", "-a", fleet.app));
        Awaits.until("six web processes up", SETTLE, () -> fleet.webUp() == 6);
        lines.add("paas hosts benchmark, " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores shared by the control plane and every host");
        lines.add("hosts: containers with their own network namespace and Docker engine (Debian's docker.io), "
                + "agents heartbeating every 1 s, PAAS_AGENT_TIMEOUT_SECONDS=20");
        lines.add("app: the Node sample (" + fleet.app + "), web processes of standard-1X");
        lines.add("");
    }

    @AfterAll
    static void report() throws Exception {
        try {
            String text = String.join("\n", lines) + "\n";
            System.out.print(text);
            Path out = Path.of(System.getenv().getOrDefault("BENCH_OUT",
                    Shell.root().resolve("bench/results/hosts.txt").toString()));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text);
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
    }

    @Test
    @Order(1)
    void host_loss_until_its_slots_serve_elsewhere() throws Exception {
        var lost = fleet.hosts.get(2);
        int onLost = fleet.webByHost(lost).get(lost.name()).size();
        long t0 = System.nanoTime();

        fleet.hosts.lose(lost);

        Awaits.until("six web processes on the two other hosts", SETTLE, () -> fleet.webByHost(fleet.hosts.get(0),
                fleet.hosts.get(1)).values().stream().mapToInt(List::size).sum() == 6);
        long started = System.nanoTime();
        Awaits.until("20 requests in a row answered", SETTLE, () -> fleet.inARow(fleet.routerOnControlHost(), 20));
        long serving = System.nanoTime();
        lines.add(String.format(Locale.ROOT, "host lost (%d of 6 web processes on it) -> replacements running: %.1f s, "
                + "-> all requests answered: %.1f s", onLost, (started - t0) / 1e9, (serving - t0) / 1e9));
        fleet.hosts.bringBack(lost);
        Awaits.until("the returning host's old processes gone", SETTLE, () -> {
            var web = joinedWeb();
            return web.size() == 6 && new HashSet<>(web).size() == 6;
        });
    }

    @Test
    @Order(2)
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void scale_to_fifty_across_three_hosts() throws Exception {
        long t0 = System.nanoTime();

        ok(fleet.paas("ps:scale", "web=50", "-a", fleet.app));

        Awaits.until("fifty web processes up", Duration.ofMinutes(10), () -> fleet.webUp() == 50);
        long up = System.nanoTime();
        var byHost = fleet.webByHost(fleet.hosts.get(0), fleet.hosts.get(1), fleet.hosts.get(2));
        lines.add(String.format(Locale.ROOT, "scale web=6 -> 50, all up (paas ps): %.1f s; per host %s", (up - t0) / 1e9,
                byHost.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList()));
        ok(fleet.paas("ps:scale", "web=6", "-a", fleet.app));
        Awaits.until("back to six", SETTLE, () -> joinedWeb().size() == 6);
    }

    /** Web processes on the three joined hosts (the fourth has no engine until it joins). */
    static List<String> joinedWeb() {
        return fleet.webByHost(fleet.hosts.get(0), fleet.hosts.get(1), fleet.hosts.get(2)).values().stream()
                .flatMap(List::stream).toList();
    }

    @Test
    @Order(3)
    void the_node_sample_s_image_on_a_new_host() throws Exception {
        var fresh = fleet.hosts.get(3);
        var joined = fleet.join(fresh);
        assertThat(joined.code()).as(joined.output()).isZero();
        long t0 = System.nanoTime();
        String how = fleet.pullOnto(fresh);
        lines.add(String.format(Locale.ROOT, "the Node sample's image onto a new host (%s): %.1f s", how,
                (System.nanoTime() - t0) / 1e9));
    }
}
