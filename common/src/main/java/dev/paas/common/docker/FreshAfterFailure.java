package dev.paas.common.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The engine's HTTP client, made anew after an I/O failure. docker-java's pool never re-checks an idle
 * connection, so after the engine restarts every pooled one is dead: without this, each would fail
 * one request in turn (a push failed with "Broken pipe"). A request that fails on I/O is still
 * failed (a POST may have reached the engine), except a GET or HEAD without a body, which is asked
 * once more on the new client; the next request uses the new client either way. A timeout says the
 * connection was alive but slow, and changes nothing. The old client is not closed: calls still running
 * on it (a log being followed) end on their own, and its dead connections hold nothing of the engine's.
 */
final class FreshAfterFailure implements DockerHttpClient {
    private final Supplier<DockerHttpClient> connect;
    private volatile DockerHttpClient current;

    FreshAfterFailure(Supplier<DockerHttpClient> connect) {
        this.connect = connect;
        this.current = connect.get();
    }

    @Override
    public Response execute(Request request) {
        DockerHttpClient used = current;
        try {
            return used.execute(request);
        } catch (RuntimeException e) {
            if (!causedByIo(e)) {
                throw e;
            }
            DockerHttpClient fresh = replace(used);
            if (!repeatable(request)) {
                throw e;
            }
            return fresh.execute(request);
        }
    }

    private synchronized DockerHttpClient replace(DockerHttpClient failed) {
        if (current == failed) {
            current = connect.get();
        }
        return current;
    }

    private static boolean repeatable(Request request) {
        return ("GET".equals(request.method()) || "HEAD".equals(request.method()))
                && request.body() == null && request.hijackedInput() == null;
    }

    /** A broken or refused connection somewhere in the causes; not a timeout. */
    static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.InterruptedIOException) {
                return false;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
