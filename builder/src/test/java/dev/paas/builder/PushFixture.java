package dev.paas.builder;

import dev.paas.api.PlatformExtension;
import dev.paas.api.TestPlatform;
import dev.paas.client.PlatformClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each test gets a user with a fresh app and a ~/.netrc holding their token; one builder serves a test class. */
@ExtendWith(PlatformExtension.class)
abstract class PushFixture {
    private static TestBuilder builder;
    protected TestPlatform platform;
    protected PlatformClient client;
    /** The builder's own service token: what records builds. */
    protected PlatformClient service;
    protected String token;
    protected String app;
    protected Path home;
    @TempDir
    protected Path tmp;

    @BeforeEach
    void userWithAnApp(TestPlatform platform) throws Exception {
        this.platform = platform;
        if (builder == null) {
            builder = TestBuilder.start(platform, builderSettings(platform));
        }
        token = platform.user("dev@example.com");
        client = new PlatformClient(URI.create(platform.baseUrl()), token);
        service = new PlatformClient(URI.create(platform.baseUrl()), platform.builderToken());
        app = "app-" + UUID.randomUUID().toString().substring(0, 8);
        client.createApp(app);
        home = tmp.resolve("home");
        GitWorkspace.netrc(home, "127.0.0.1", token);
    }

    @AfterAll
    static void stopBuilder() throws Exception {
        if (builder != null) {
            builder.close();
            builder = null;
        }
    }

    /** Settings of this class's builder on top of the test defaults. */
    protected Map<String, String> builderSettings(TestPlatform platform) {
        return Map.of();
    }

    protected TestBuilder builder() {
        return builder;
    }

    protected String gitUrl() {
        return builder.gitUrl(app);
    }

    protected GitWorkspace workspace() throws Exception {
        return GitWorkspace.init(tmp.resolve("src"), home);
    }

    /** Another user with their own app and home (~/.netrc); returns their client. */
    protected Tenant tenant(String name) throws Exception {
        String otherToken = platform.user(name + "@example.com");
        var other = new PlatformClient(URI.create(platform.baseUrl()), otherToken);
        String otherApp = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        other.createApp(otherApp);
        Path otherHome = tmp.resolve(name + "-home");
        GitWorkspace.netrc(otherHome, "127.0.0.1", otherToken);
        return new Tenant(other, otherApp, otherHome, builder.gitUrl(otherApp),
                GitWorkspace.init(tmp.resolve(name + "-src"), otherHome));
    }

    protected record Tenant(PlatformClient client, String app, Path home, String gitUrl, GitWorkspace ws) {
    }
}
