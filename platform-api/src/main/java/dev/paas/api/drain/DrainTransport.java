package dev.paas.api.drain;

import java.io.IOException;
import java.util.List;

/** Sends batches to one drain over one connection, reopened as needed. */
interface DrainTransport extends AutoCloseable {

    /** Returns once the batch is handed over (syslog) or acknowledged (HTTP); throws when it was not. */
    void send(List<LogplexFrames.Message> batch, String frameId) throws IOException;

    /** Drops the connection; the next send opens a new one. */
    @Override
    void close();

    static DrainTransport of(DrainUrl url, String token, DrainSockets sockets) {
        return url.scheme().syslog() ? new SyslogTransport(url, token, sockets) : new HttpTransport(url, token, sockets);
    }
}
