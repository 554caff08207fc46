package dev.paas.builder.build;

import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.ProcessTypes;
import dev.paas.client.ReleaseStatus;
import dev.paas.client.Wire;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a release with a release phase, holds the push until the phase is over: prints the release command's
 * output as it comes (from the release's output stream), then its outcome. A failed phase fails the push (the app
 * keeps its previous release), and no boot is waited for. The control plane ends a phase that runs too long.
 */
final class ReleasePhaseWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ReleasePhaseWatch.class);
    private static final Duration LOOK_EVERY = Duration.ofMillis(300);
    private final PlatformClient service;

    /** {@code service}: the builder's admin token, with which the release was created. */
    ReleasePhaseWatch(PlatformClient service) {
        this.service = service;
    }

    /** The release once its phase is over (succeeded); the pending release itself when the pusher went away. */
    Wire.Release await(Push push, Wire.Release release, BuildLog log) throws InterruptedException {
        if (ReleaseStatus.of(release.status()) != ReleaseStatus.PENDING) {
            return release; // no release phase: it succeeded as it was made
        }
        log.step("Running release command: " + release.processTypes().get(ProcessTypes.RELEASE));
        follow(push, release, log);
        Wire.Release settled = settled(push, release);
        switch (ReleaseStatus.of(settled.status())) {
            case SUCCEEDED -> log.step("Release phase completed");
            case FAILED -> {
                log.line(" !     Release phase failed: " + settled.statusReason());
                log.line(" !     v" + settled.version() + " is not running; the app keeps its current release. "
                        + "See: paas releases:output v" + settled.version() + " -a " + push.app().name());
                LOG.info("at=info msg=\"release phase failed\" app={} release=v{} reason=\"{}\"", push.app().name(),
                        settled.version(), settled.statusReason());
                throw new ReleaseFailure("Release phase failed: " + settled.statusReason());
            }
            case PENDING -> LOG.info("at=info msg=\"pusher left during the release phase\" app={} release=v{}",
                    push.app().name(), settled.version());
        }
        return settled;
    }

    /** Copies the output stream into the push until it ends (the phase is over) or the pusher leaves. */
    private void follow(Push push, Wire.Release release, BuildLog log) throws InterruptedException {
        if (release.outputStreamUrl() == null) {
            return;
        }
        var done = new CountDownLatch(1);
        Thread reader = Thread.ofVirtual().name("release-output").start(() -> {
            try {
                service.streamText(release.outputStreamUrl(), line -> {
                    log.detail(line);
                    return !push.cancel().canceled();
                });
            } catch (RuntimeException broken) {
                LOG.warn("at=warn msg=\"release output stream broke\" app={} error=\"{}\"", push.app().name(),
                        broken.getMessage());
            } finally {
                done.countDown();
            }
        });
        try (var stop = push.cancel().onCancel(done::countDown)) {
            done.await();
        } finally {
            if (push.cancel().canceled()) {
                reader.interrupt();
            }
        }
    }

    /** Polls until the release is no longer pending (the control plane bounds the phase by its timeout). */
    private Wire.Release settled(Push push, Wire.Release release) throws InterruptedException {
        Wire.Release now = release;
        while (ReleaseStatus.of(now.status()) == ReleaseStatus.PENDING && !push.cancel().canceled()) {
            TimeUnit.MILLISECONDS.sleep(LOOK_EVERY.toMillis());
            try {
                now = service.release(push.app().name(), "v" + release.version());
            } catch (ApiException | java.io.UncheckedIOException unreachable) {
                // the API is briefly away: look again
            }
        }
        return now;
    }
}
