package dev.paas.api.log;

import dev.paas.api.event.Transactions;
import dev.paas.client.Wire;
import java.util.List;

/** Storing the lines agents ship; reading and following them is the streaming handlers' loop. */
public final class LogService {
    static final int MAX_LINE = 10_000;
    private final Transactions transactions;
    private final LogRepository logs;

    public LogService(Transactions transactions, LogRepository logs) {
        this.transactions = transactions;
        this.logs = logs;
    }

    /** Keeps the lines of apps that exist, each cut to {@link #MAX_LINE} characters. */
    void ingest(List<Wire.LogLine> lines) {
        var known = logs.existingApps(transactions.dsl(), lines.stream().map(Wire.LogLine::appId).distinct().toList());
        var kept = lines.stream().filter(l -> known.contains(l.appId()))
                .map(l -> l.line().length() <= MAX_LINE ? l
                        : new Wire.LogLine(l.appId(), l.time(), l.source(), l.dyno(), l.line().substring(0, MAX_LINE)))
                .toList();
        if (!kept.isEmpty()) {
            transactions.run(tx -> logs.append(tx, kept));
        }
    }
}
