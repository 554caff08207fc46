package dev.paas.api.event;

import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * The one way services open a write transaction: runs the work, then appends the events it announced
 * as the transaction's last statements, then commits. Nothing else may call {@link EventLog}.
 */
public final class Transactions {
    private final DSLContext dsl;
    private final EventLog log;

    public Transactions(DSLContext dsl, EventLog log) {
        this.dsl = dsl;
        this.log = log;
    }

    public <T> T result(Function<Tx, T> work) {
        return dsl.transactionResult(cfg -> {
            var tx = new Tx(cfg.dsl());
            T result = work.apply(tx);
            log.appendAll(cfg.dsl(), tx.events());
            return result;
        });
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
