package dev.paas.builder.build;

import dev.paas.client.ProcessTypes;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a release, holds the push until a web process of the new release takes requests, so that "deployed" means
 * the app serves. A crash or a timeout is told to the pusher with the process's last output, and the release is
 * abandoned (failed, with that reason), so the app's previous release keeps serving, and the push fails. The wait
 * ends at once when the pusher goes away.
 */
public final class BootWatch {
    private static final Logger LOG = LoggerFactory.getLogger(BootWatch.class);
    private static final Duration LOOK_EVERY = Duration.ofMillis(300);
    /** Most web processes boot within their first seconds: looked at more often then, the push ends sooner. */
    private static final Duration EARLY = Duration.ofSeconds(3);
    private static final Duration LOOK_EARLY_EVERY = Duration.ofMillis(100);
    /** Agents ship log lines in batches: a crash is reported before its output reaches the log. */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(5);
    private static final int LAST_LINES = 15;
    private final PlatformClient service;
    private final Duration limit;
    private final BootWakes wakes;

    /**
     * {@code service}: the builder's admin token, which may read the route table; {@code limit}: 0 waits not;
     * {@code wakes}: looks again at once when the control plane says the app's routes or processes changed.
     */
    public BootWatch(PlatformClient service, Duration limit, BootWakes wakes) {
        this.service = service;
        this.limit = limit;
        this.wakes = wakes;
    }

    void await(Push push, Wire.Release release, BuildLog log) throws InterruptedException {
        String app = push.app().name();
        String deployed = push.app().webUrl() + " deployed to paas";
        if (limit.isZero()) {
            log.detail(deployed);
            return;
        }
        var types = release.processTypes() == null ? java.util.Map.<String, String>of() : release.processTypes();
        if (!types.containsKey(ProcessTypes.WEB)) {
            log.detail("No web process type: nothing to wait for (" + String.join(", ", types.keySet()) + ")");
            log.detail(deployed);
            return;
        }
        if (webQuantity(app) == 0) {
            log.detail("web is scaled to 0: not waiting for it (paas ps:scale web=1 -a " + app + ")");
            log.detail(deployed);
            return;
        }
        int version = release.version();
        log.step("Waiting for a web process of v" + version + " to take requests (up to " + limit.toSeconds()
                + " s)");
        var verdict = watch(push, version);
        switch (verdict.kind()) {
            case UP -> log.detail(deployed);
            case SUPERSEDED -> log.detail("v" + verdict.dyno().release() + " was released meanwhile; see `paas ps -a "
                    + app + "`");
            case NO_ROOM -> {
                log.line(" !     " + verdict.dyno().name() + " of v" + version + " is waiting: "
                        + verdict.dyno().reason());
                log.line(" !     It starts, and " + push.app().webUrl() + " serves, when an agent has room; see `paas ps -a "
                        + app + "`.");
            }
            case CRASHED -> failed(push, version, verdict.dyno(), "crashed", log);
            case BOOTING -> failed(push, version, verdict.dyno(), "did not come up within " + limit.toSeconds()
                    + " s", log);
        }
    }

    private BootCheck.Verdict watch(Push push, int version) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        var last = new BootCheck.Verdict(BootCheck.Kind.BOOTING, null);
        try (var woken = wakes.watch(push.app().id()); var stop = push.cancel().onCancel(woken::wake)) {
            while (!push.cancel().canceled()) {
                try {
                    last = BootCheck.judge(version, route(push.app().id()), service.dynos(push.app().name()));
                } catch (RuntimeException unreachable) {
                    // the API is briefly away: look again, within the limit
                }
                if (last.kind() != BootCheck.Kind.BOOTING || System.nanoTime() > deadline) {
                    return last;
                }
                woken.await(lookEvery(Duration.ofNanos(System.nanoTime() - started)).toMillis());
            }
        }
        LOG.info("at=info msg=\"pusher left while waiting for boot\" app={} release=v{}", push.app().name(), version);
        return last;
    }

    /** How long to wait before the next look, {@code watched} into the watch. */
    static Duration lookEvery(Duration watched) {
        return watched.compareTo(EARLY) < 0 ? LOOK_EARLY_EVERY : LOOK_EVERY;
    }

    private void failed(Push push, int version, Wire.Dyno dyno, String what, BuildLog log)
            throws InterruptedException {
        if (push.cancel().canceled()) {
            return;
        }
        String app = push.app().name();
        String name = dyno == null ? ProcessTypes.WEB : dyno.name();
        var state = new StringBuilder(name + " of v" + version + " " + what);
        if (dyno != null) {
            state.append(" (state ").append(dyno.state());
            if (dyno.exitCode() != null) {
                state.append(", exit code ").append(dyno.exitCode());
            }
            if (dyno.reason() != null) {
                state.append(": ").append(dyno.reason());
            }
            state.append(')');
        }
        log.line(" !     " + state);
        if (dyno != null) {
            var lines = lastOutput(push, dyno.name());
            if (!lines.isEmpty()) {
                log.line(" !     Its last output:");
                lines.forEach(l -> log.line("       " + l));
            }
        }
        LOG.info("at=info msg=\"release did not boot\" app={} release=v{} dyno={} what=\"{}\"", app, version, name,
                what);
        abandon(push, version, state.toString(), log);
    }

    /** The release failed to come up: it becomes failed, so that the previous succeeded release serves again. */
    private void abandon(Push push, int version, String reason, BuildLog log) {
        String app = push.app().name();
        try {
            service.abandonRelease(app, version, reason);
        } catch (RuntimeException refused) {
            log.line(" !     v" + version + " is released, but the app is not serving, and it could not be rolled "
                    + "back: " + refused.getMessage());
            log.line(" !     See more with: paas logs --tail -a " + app);
            throw new ReleaseFailure("v" + version + " did not come up: " + reason);
        }
        String back = currentVersion(app).map(v -> "v" + v + " keeps serving").orElse("no release is running");
        log.line(" !     Release v" + version + " failed: " + reason + "; " + back + ".");
        log.line(" !     See more with: paas logs --tail -a " + app + " and paas releases -a " + app);
        throw new ReleaseFailure("v" + version + " did not come up: " + reason);
    }

    private java.util.Optional<Integer> currentVersion(String app) {
        try {
            // The initial release (no image) is current before the first deploy, yet runs nothing.
            return service.releases(app, 20).stream().filter(r -> r.current() && r.image() != null)
                    .map(Wire.Release::version).findFirst();
        } catch (RuntimeException unreachable) {
            return java.util.Optional.empty();
        }
    }

    /** The process's last lines, once its own output has reached the log (or the grace has passed). */
    private List<String> lastOutput(Push push, String dyno) throws InterruptedException {
        String app = push.app().name();
        long deadline = System.nanoTime() + OUTPUT_GRACE.toNanos();
        try {
            while (System.nanoTime() < deadline && !push.cancel().canceled()
                    && push.client().logs(app, 1, dyno, "app").isBlank()) {
                TimeUnit.MILLISECONDS.sleep(LOOK_EVERY.toMillis());
            }
            return push.client().logs(app, LAST_LINES, dyno, null).lines().filter(l -> !l.isBlank()).toList();
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }

    private int webQuantity(String app) {
        try {
            return service.formation(app).stream().filter(f -> ProcessTypes.isWeb(f.type())).mapToInt(
                    Wire.Formation::quantity).findFirst().orElse(0);
        } catch (RuntimeException unreachable) {
            return 1;
        }
    }

    private Wire.AppRoute route(java.util.UUID appId) {
        return service.routes().routes().stream().filter(r -> r.appId().equals(appId)).findFirst().orElse(null);
    }
}
