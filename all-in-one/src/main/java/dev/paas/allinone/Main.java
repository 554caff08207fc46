package dev.paas.allinone;

import dev.paas.allinone.Lineup.Component;
import dev.paas.allinone.log.TaggedLines;
import dev.paas.api.Platform;
import dev.paas.builder.BuilderApp;
import dev.paas.router.Main.Router;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the API, a runtime agent, the builder and (unless {@code PAAS_ALL_IN_ONE_ROUTER=0}) the router in
 * one JVM, for a one-host install that would rather pay one JVM's floor than four (README "Footprint"). Each listens on its own port
 * and answers its own health checks, as when it runs alone. Started in that order, stopped in the
 * reverse on SIGTERM within {@code PAAS_STOP_TIMEOUT}; if one fails to start, the ones before it
 * are stopped and the process exits 70 (78 for a configuration error).
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // jOOQ prints a banner and tips to the log otherwise: one event per line is the rule.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.exit(run(System.getenv()));
    }

    /** Starts the four and returns once SIGTERM has stopped them; or at once, non-zero, if they cannot start. */
    static int run(Map<String, String> env) throws InterruptedException {
        AllInOneConfig config;
        try {
            config = AllInOneConfig.fromEnv(env);
        } catch (IllegalArgumentException e) {
            System.err.println("configuration error: " + e.getMessage());
            return 78;
        }
        // Registered first: a SIGTERM that comes while they start stops what has started.
        var running = new AtomicReference<Lineup>();
        var stopped = new CountDownLatch(1);
        var hook = new Thread(() -> {
            var lineup = running.get();
            if (lineup != null) {
                LOG.info("at=info msg=\"stopping, newest first\" components={} budget_s={}",
                        lineup.names(), config.stopBudget().toSeconds());
                lineup.close();
            }
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            running.set(start(config));
        } catch (Lineup.StartFailure e) {
            System.err.println(e.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            return e.getCause() instanceof IllegalArgumentException ? 78 : 70;
        }
        LOG.info("at=info msg=\"components running in one process\" components={} api_port={} builder_port={}",
                running.get().names(), config.api().port(), config.builder().port());
        stopped.await();
        return 0;
    }

    static Lineup start(AllInOneConfig config) throws Lineup.StartFailure {
        var components = new java.util.ArrayList<Component>();
        components.add(new Component("api", () -> Platform.start(config.api())));
        if (config.agent() != null) {
            components.add(new Component("agent", () -> dev.paas.agent.Main.start(config.agent(), config.env())));
        }
        components.add(new Component("builder", () -> BuilderApp.start(config.builder())));
        if (config.router() != null) {
            components.add(new Component("router", () -> Router.start(config.router(),
                    new TaggedLines(System.out, "router", "access"))));
        }
        return Lineup.start(components, config.stopBudget());
    }
}
