package dev.paas.api.event;

import dev.paas.client.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * One open transaction: its jOOQ context, and the events that announce its changes. Events are only
 * collected here; {@link Transactions} appends them after the work has returned, so no change can be
 * written after the event that announces it (see {@link EventLog} for why that order matters).
 */
public final class Tx {
    private final DSLContext dsl;
    private final List<EventLog.Pending> events = new ArrayList<>();
    private boolean wakeFollowers;

    Tx(DSLContext dsl) {
        this.dsl = dsl;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** Queues an event; it is appended, in announcement order, when the work is done. */
    public void announce(UUID appId, EventKind kind, Map<String, ?> payload) {
        events.add(new EventLog.Pending(appId, kind, Map.copyOf(payload)));
    }

    /** Log lines were written: once committed, followers of logs (who read them by id) are woken. */
    public void wakeFollowers() {
        wakeFollowers = true;
    }

    boolean wakes() {
        return wakeFollowers;
    }

    List<EventLog.Pending> events() {
        return List.copyOf(events);
    }
}
