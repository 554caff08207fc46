package dev.paas.builder;

import dev.paas.api.TestPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A builder started against the test run's platform, with its own data directory. */
final class TestBuilder implements AutoCloseable {
    final Path dataDir;
    final BuilderApp app;

    private TestBuilder(Path dataDir, BuilderApp app) {
        this.dataDir = dataDir;
        this.app = app;
    }

    static TestBuilder start(TestPlatform platform, Map<String, String> overrides) throws Exception {
        Path data = Files.createTempDirectory("paas-builder-test");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                new ProcessBuilder("rm", "-rf", data.toString()).start().waitFor();
            } catch (Exception e) {
                // a temp directory left behind is harmless
            }
        }));
        return start(platform, data, overrides);
    }

    static TestBuilder start(TestPlatform platform, Path data, Map<String, String> overrides) throws Exception {
        var env = new HashMap<String, String>();
        System.getenv().forEach((k, v) -> {
            if (k.matches("(?i)(https?|no)_proxy|PAAS_STACK_IMAGE|PAAS_BUILD_IMAGE|DOCKER_HOST")) {
                env.put(k, v);
            }
        });
        env.put("PAAS_API_URL", platform.baseUrl());
        env.put("PAAS_API_KEY", platform.builderToken());
        env.put("PAAS_BUILDER_PORT", "0");
        env.put("PAAS_BUILDER_DATA_DIR", data.toString());
        env.put("PAAS_BUILD_TIMEOUT_SECONDS", "600");
        env.put("PAAS_BUILD_MEMORY_MB", "1536");
        env.putAll(overrides);
        return new TestBuilder(data, BuilderApp.start(BuilderConfig.fromEnv(env)));
    }

    String gitUrl(String appName) {
        return "http://127.0.0.1:" + app.port() + "/" + appName + ".git";
    }

    /** Stops the builder; its data directory stays (a restarted builder may use it) until the JVM exits. */
    @Override
    public void close() throws Exception {
        app.close();
    }
}
