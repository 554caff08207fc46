package dev.paas.agent.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-over from the thread that reads pg_dump's output to the one uploading it: the writer
 * waits while the upload is behind (so a dump is never whole in memory), and either side's end or failure
 * reaches the other. (The JDK's piped streams fail when a writing thread ends, and the engine's callback
 * threads come and go.)
 */
final class DumpPipe extends InputStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(64);
    private volatile boolean closed;
    private volatile String failure;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    /** The writing side: each write is handed over as one chunk. */
    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    put(Arrays.copyOfRange(b, off, off + len));
                }
            }
        };
    }

    /** No more bytes: the reader sees the end, or {@code error} as an IOException when not null. */
    void finish(String error) {
        failure = error;
        try {
            put(END);
        } catch (IOException readerGone) {
            // nobody reads any more: nothing to tell
        }
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new IOException("the upload of the dump stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended) {
                return -1;
            }
            try {
                current = chunks.take();
                position = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (current == END) {
                ended = true;
                if (failure != null) {
                    throw new IOException(failure);
                }
            }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
        chunks.clear();
    }
}
