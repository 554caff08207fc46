package dev.paas.api.event;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * The one way services open a write transaction: runs the work, then appends the events it announced
 * as the transaction's last statements (with whatever else the work deferred: {@link Tx#defer}), then commits
 * (the deferred statements and the commit: one round trip), then waits until its events are published (see
 * {@link EventPublisher}), so that whoever it answers reads them from the log. Nothing else may call
 * {@link EventLog}.
 */
public final class Transactions {
    private final DSLContext dsl;
    private final EventLog log;
    private final EventPublisher publisher;

    public Transactions(DSLContext dsl, EventLog log, EventPublisher publisher) {
        this.dsl = dsl;
        this.log = log;
        this.publisher = publisher;
    }

    /** With a publisher of its own (no timer: what a crash leaves over waits for the next writer's round). */
    public Transactions(DSLContext dsl, EventLog log) {
        this(dsl, log, new EventPublisher(dsl));
    }

    public <T> T result(Function<Tx, T> work) {
        var committed = commit(work);
        committed.awaitPublished();
        return committed.value();
    }

    /**
     * As {@link #result}, but returns once committed: whoever answers for the work calls
     * {@link Committed#awaitPublished} before it does (a {@link GroupCommit}'s thread answers its writers once their
     * transaction's events are published, and goes on to its next transaction meanwhile).
     */
    <T> Committed<T> commit(Function<Tx, T> work) {
        var done = new Tx[1];
        var firstEvent = new long[] {Long.MAX_VALUE};
        T result = dsl.transactionResult(cfg -> {
            var tx = new Tx(cfg.dsl());
            T r = work.apply(tx);
            log.appendAll(tx, tx.events());
            var last = tx.runDeferredThenCommit(); // the last work of the transaction
            if (tx.hasEvents()) {
                firstEvent[0] = EventLog.firstId(last);
            }
            done[0] = tx;
            return r;
        });
        boolean publish = done[0].hasEvents() || done[0].wakes();
        boolean wakes = done[0].wakes();
        return new Committed<>(result, () -> publish
                ? publisher.published(wakes, firstEvent[0]) : CompletableFuture.<Void>completedFuture(null));
    }

    /** A committed transaction's result, and the publication of its events (asked for when first wanted). */
    record Committed<T>(T value, Supplier<CompletableFuture<Void>> publication) {
        /** Returns once the transaction's events are published. */
        void awaitPublished() {
            EventPublisher.await(publication.get());
        }

        /** Asks for the publication of the transaction's events and returns what completes once they are. */
        CompletableFuture<Void> published() {
            return publication.get();
        }
    }

    public void run(Consumer<Tx> work) {
        result(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** The pool's context, for reads outside any transaction. */
    public DSLContext dsl() {
        return dsl;
    }
}
