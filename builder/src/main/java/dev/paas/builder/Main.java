package dev.paas.builder;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the builder. On SIGTERM it stops taking pushes and lets builds in flight finish (up to Jetty's stop
 * timeout); a builder killed outright fails its pending builds at its next start.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        BuilderConfig config;
        try {
            config = BuilderConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(78);
            return;
        }
        var app = BuilderApp.start(config);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("at=info msg=\"builder stopping\"");
            try {
                app.close();
            } catch (Exception e) {
                LOG.warn("at=warn msg=\"error while stopping\"", e);
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
