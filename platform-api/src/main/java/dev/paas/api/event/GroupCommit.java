package dev.paas.api.event;

import dev.paas.api.error.ApiFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: concurrent writes of many apps committed together, in shared transactions. Writers queue their
 * work; each of a few threads of its own takes whatever is queued (up to {@link #MOST}), runs it in one
 * transaction and commits once. Under load many writes share each transaction's commit, its deferred round trip
 * (log lines and events), its events' insert and its publisher round; a lone write runs alone, as soon as it
 * comes. Each write still locks its own app's row: the works of a transaction run in the order of their apps'
 * ids (and, for one app, in the order they came), so two shared transactions never wait for each other in a
 * cycle, and two writes of one app in one transaction take turns as they would in two. What every write reads
 * first (its app's lock and ledger tip) is read for all of them at the transaction's start, in one round trip.
 *
 * <p>A work may refuse ({@link ApiFailure}) only before it has written anything: its caller gets the refusal and
 * the others commit. Anything else a work throws rolls the shared transaction back; then each of its works runs
 * again in a transaction of its own, on its caller's thread (as {@link Transactions#result} would have run it),
 * so that a failure is its own writer's and nobody else's; a lone write too, since a shared transaction may give
 * way where a transaction of its own would wait (see {@code Ledger#lockAhead}).
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** The most works one transaction takes: a commit shared by 32 costs each little, and the locks are held briefly. */
    static final int MOST = 32;
    /** Queued by {@link #close}, one per thread: the thread that takes it ends. */
    private static final Write<?> END = new Write<>(null, tx -> null);
    private final Transactions transactions;
    private final BiConsumer<Tx, List<UUID>> ahead;
    private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param threads how many shared transactions may be open at once (one commits while the next gathers)
     * @param ahead   runs first in each shared transaction, with its writes' apps (sorted by id, each once): what
     *                it reads for all of them in one round trip (their locks, their ledgers' tips: see
     *                {@link Tx#local}) each write need not read in one of its own
     */
    public GroupCommit(Transactions transactions, int threads, BiConsumer<Tx, List<UUID>> ahead) {
        this.transactions = transactions;
        this.ahead = ahead;
        for (int i = 1; i <= threads; i++) {
            this.threads.add(Thread.ofPlatform().name("group-commit-" + i).daemon().start(this::loop));
        }
    }

    /**
     * Runs {@code work}, a write of {@code appId}, in a transaction it may share with other writes, and returns
     * what it returned once that transaction has committed and its events are published (this writer waits for
     * that, not the thread that committed it, which goes on to its next transaction). {@code work} may refuse
     * only before it writes (see above).
     */
    public <R> R result(UUID appId, Function<Tx, R> work) {
        var write = new Write<>(appId, work);
        if (closed || !queue.offer(write)) {
            return transactions.result(work);
        }
        Outcome<R> outcome;
        try {
            outcome = write.done.join(); // once committed and published: one wait, not one for each
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (outcome.alone()) { // the shared transaction failed: this write runs again in one of its own
            return transactions.result(work);
        }
        return outcome.value();
    }

    private void loop() {
        var batch = new ArrayList<Write<?>>();
        while (true) {
            try {
                Write<?> first = queue.take();
                if (first == END) {
                    return;
                }
                batch.add(first);
                queue.drainTo(batch, MOST - 1);
                // An end taken with the batch goes back to the queue's tail: each thread takes one, after the rest.
                while (batch.remove(END)) {
                    queue.add(END);
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // run() completes every write it took; this is a bug, not an input's fault: the loop goes on.
                LOG.error("group commit: a batch ended unexpectedly", e);
                batch.forEach(w -> w.done.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Write<?>> batch) {
        batch.sort(Comparator.comparing(w -> w.appId)); // stable: one app's writes keep their order
        Transactions.Committed<Void> committed;
        try {
            committed = transactions.commit(tx -> {
                ahead.accept(tx, batch.stream().map(w -> w.appId).distinct().toList());
                batch.forEach(w -> w.runIn(tx));
                return null;
            });
        } catch (RuntimeException e) {
            // Not the message: a database error may quote a row's values (config among them).
            LOG.warn("group commit: a shared transaction of {} writes failed ({}, SQLSTATE {}); each runs again alone",
                    batch.size(), e.getClass().getSimpleName(), sqlState(e));
            // Each runs again alone, on its caller's thread: whose failure it was shows there. A lone write too: it
            // may have failed for sharing (a lock the shared transaction gave way on: Ledger#lockAhead).
            batch.forEach(Write::runAlone);
            return;
        }
        // Each writer is answered once the round that publishes the transaction's events has ended (by the thread
        // that ran it), and a refused one at once: this thread goes on to its next transaction meanwhile.
        var writes = List.copyOf(batch);
        writes.forEach(Write::answerIfRefused);
        committed.published().whenComplete((published, failed) -> writes.forEach(w -> w.committed(failed)));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return sql.getSQLState();
            }
        }
        return "none";
    }

    /** How many writes wait for a thread: for tests. */
    int queued() {
        return queue.size();
    }

    /** Runs what is still queued, then ends the threads (a write that comes later runs in its own transaction). */
    @Override
    public void close() {
        closed = true;
        threads.forEach(t -> queue.add(END));
        for (var thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (Write<?> late; (late = queue.poll()) != null; ) {
            if (late != END) {
                late.runAlone(); // queued as the threads ended
            }
        }
    }

    /** What a write's caller gets: its work's result, committed and published, or word to run it alone. */
    private record Outcome<R>(R value, boolean alone) {
    }

    private static final class Write<R> {
        final UUID appId;
        final Function<Tx, R> work;
        final CompletableFuture<Outcome<R>> done = new CompletableFuture<>();
        private R value;
        private ApiFailure refused;

        Write(UUID appId, Function<Tx, R> work) {
            this.appId = appId;
            this.work = work;
        }

        void runIn(Tx tx) {
            value = null;
            refused = null;
            try {
                value = work.apply(tx);
            } catch (ApiFailure f) {
                refused = f;
            }
        }

        /** Refused, it wrote nothing: its caller need not wait for the publication. */
        void answerIfRefused() {
            if (refused != null) {
                done.completeExceptionally(refused);
            }
        }

        /** Its transaction committed, and its events are published unless {@code publishing} failed. */
        void committed(Throwable publishing) {
            if (publishing != null) {
                done.completeExceptionally(new IllegalStateException("a round of the event publisher failed",
                        publishing));
            } else {
                done.complete(new Outcome<>(value, false)); // no effect on a refused one: answered already
            }
        }

        void runAlone() {
            done.complete(new Outcome<>(null, true));
        }
    }
}
