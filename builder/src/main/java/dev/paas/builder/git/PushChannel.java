package dev.paas.builder.git;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The push's response stream, shared by JGit's side-band packets and the keep-alive. Each JGit write is one whole
 * packet, so serializing writes keeps packets whole. The keep-alive is an empty packet on the data band (what git's
 * own receive-pack sends while a hook runs): git ignores it, and writing it is how the builder learns, within a
 * couple of seconds, that the pusher has gone.
 */
final class PushChannel extends FilterOutputStream {
    private static final byte[] KEEP_ALIVE = {'0', '0', '0', '5', 1};

    PushChannel(OutputStream out) {
        super(out);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** Sends a keep-alive; fails when the pusher's connection is gone. */
    synchronized void keepAlive() throws IOException {
        out.write(KEEP_ALIVE);
        out.flush();
    }
}
