package dev.paas.builder.build;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Why a build must stop, once set: its pusher went away, or its user canceled it through the API. Whatever the
 * build is doing at that moment (waiting for a slot, running a container, building an image) registers a way to
 * stop it, so the build ends promptly instead of holding its slot.
 */
public final class Cancellation {
    private final List<Runnable> stoppers = new CopyOnWriteArrayList<>();
    private volatile String reason;

    /** Cancels with {@code why}; the first reason wins. Runs the registered stoppers. */
    public void cancel(String why) {
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
        }
        stoppers.forEach(Runnable::run);
    }

    public boolean canceled() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }

    /** Fails the build with the reason if canceled. */
    public void check() {
        if (reason != null) {
            throw new BuildFailure(reason);
        }
    }

    /** Runs {@code stopper} on cancel (now, if canceled already) until the returned handle is closed. */
    public Registration onCancel(Runnable stopper) {
        stoppers.add(stopper);
        if (reason != null) {
            stopper.run();
        }
        return () -> stoppers.remove(stopper);
    }

    /** A registered stopper; closing it unregisters. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
