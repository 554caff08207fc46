package dev.paas.builder.appjson;

import dev.paas.builder.build.BuildFailure;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.Cancellation;
import dev.paas.builder.build.Push;
import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Sets a new app up from its app.json, as Heroku's app setups do, on its first deploy only (no release of it has a
 * build yet): before building, checks the file and that every required config var can be had, so a bad one changes
 * nothing; once the build succeeded and before its release, provisions the add-ons, sets the config vars and hands
 * the formation to the deploy. Config values are secrets: only their names are ever printed.
 */
public final class AppSetup {
    static final long MAX_BYTES = 256 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final PlatformClient service;
    private final Duration addonWait;
    private final Duration pollEvery;

    /** {@code service} is the builder's own token; what the setup changes is changed with the pusher's. */
    public AppSetup(PlatformClient service, Duration addonWait, Duration pollEvery) {
        this.service = service;
        this.addonWait = addonWait;
        this.pollEvery = pollEvery;
    }

    /** What a first deploy will set up; {@link AppJson#NONE} when the app was deployed before or has no app.json. */
    public AppJson plan(Push push, Path source, BuildLog log) {
        Path file = source.resolve("app.json");
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return AppJson.NONE;
        }
        String app = push.app().name();
        if (deployedBefore(app)) {
            return AppJson.NONE;
        }
        var setup = parse(file);
        if (setup.isEmpty()) {
            return setup;
        }
        log.step("app.json: setting up the app on its first deploy");
        var config = service.configVars(app);
        var missing = setup.env().stream()
                .filter(v -> v.required() && v.value() == null && v.generator() == null)
                .filter(v -> !config.containsKey(v.name())).map(AppJson.EnvVar::name).toList();
        if (!missing.isEmpty()) {
            throw new BuildFailure("app.json requires config var" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " with no value or generator: set "
                    + (missing.size() > 1 ? "them" : "it") + " first (paas config:set " + missing.getFirst()
                    + "=... -a " + app + "), then push again.");
        }
        return setup;
    }

    /**
     * After the build succeeded, before its release: add-ons first (their config, such as DATABASE_URL, is then
     * in place), then the config vars the app does not have yet. Returns the formation to deploy with.
     */
    public List<Wire.FormationUpdate> apply(AppJson setup, Push push, Map<String, String> processTypes,
                                            BuildLog log) throws InterruptedException {
        if (setup.isEmpty()) {
            return List.of();
        }
        String app = push.app().name();
        var unknown = new TreeSet<>(setup.formation().keySet());
        unknown.removeAll(processTypes.keySet());
        if (!unknown.isEmpty()) {
            throw new BuildFailure("app.json is invalid: formation names process type" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + ", which this build does not have (it has: "
                    + (processTypes.isEmpty() ? "none" : String.join(", ", new TreeSet<>(processTypes.keySet())))
                    + "). Fix it and push again.");
        }
        for (String plan : setup.addons()) {
            provision(push.client(), app, plan, log, push.cancel());
        }
        var config = service.configVars(app);
        var values = new LinkedHashMap<String, String>();
        for (var v : setup.env()) {
            if (config.containsKey(v.name())) {
                continue;
            }
            if (v.generator() != null) {
                values.put(v.name(), secret());
            } else if (v.value() != null) {
                values.put(v.name(), v.value());
            }
        }
        if (!values.isEmpty()) {
            log.detail("Setting config vars from app.json: " + String.join(", ", values.keySet()));
            push.client().updateConfigVars(app, values);
        }
        var formation = setup.formation().entrySet().stream().map(e -> new Wire.FormationUpdate(e.getKey(),
                e.getValue().quantity(), e.getValue().size())).sorted(java.util.Comparator.comparing(
                        Wire.FormationUpdate::type)).toList();
        if (!formation.isEmpty()) {
            log.detail("Formation from app.json: " + String.join(", ", formation.stream().map(f -> f.type()
                    + (f.quantity() == null ? "" : "=" + f.quantity()) + (f.size() == null ? "" : ":" + f.size()))
                    .toList()));
        }
        return formation;
    }

    private void provision(PlatformClient pusher, String app, String plan, BuildLog log, Cancellation cancel)
            throws InterruptedException {
        log.detail("Provisioning " + plan);
        Wire.Addon addon;
        try {
            addon = pusher.createAddon(app, plan);
        } catch (ApiException e) {
            // An API without the add-ons endpoint: 404, or 405 where only listing them exists.
            if (e.status() == 404 || e.status() == 405) {
                throw new BuildFailure("app.json asks for the add-on " + plan + ", but add-ons are not available "
                        + "on this platform. Remove it from app.json's addons, or provide the service's config "
                        + "yourself (paas config:set), then push again.", e);
            }
            throw new BuildFailure("Could not provision the add-on " + plan + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + addonWait.toNanos();
        while (!"provisioned".equals(addon.state())) {
            if ("deprovisioned".equals(addon.state())) {
                throw new BuildFailure("The add-on " + plan + " failed to provision; nothing was released.");
            }
            if (System.nanoTime() > deadline) {
                throw new BuildFailure("The add-on " + plan + " was not provisioned within " + addonWait.toSeconds()
                        + " s (state " + addon.state() + "); nothing was released. Push again later.");
            }
            Thread.sleep(pollEvery.toMillis());
            cancel.check();
            addon = pusher.addon(app, addon.id().toString());
        }
        log.detail("Provisioned " + (addon.name() == null ? plan : addon.name()));
    }

    private boolean deployedBefore(String app) {
        // Every app starts with a v1 that has no build; config changes copy the current release's build.
        return service.releases(app, 1).stream().anyMatch(r -> r.build() != null);
    }

    private static AppJson parse(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new BuildFailure("app.json must be a regular file, not a link or a directory.");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new BuildFailure("app.json is larger than " + MAX_BYTES / 1024 + " KB.");
            }
            return AppJson.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (AppJson.InvalidAppJson e) {
            throw new BuildFailure(e.getMessage(), e);
        } catch (MalformedInputException e) {
            throw new BuildFailure("app.json is not UTF-8 text.", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heroku's "secret" generator: 64 hex characters, 256 random bits. */
    static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
