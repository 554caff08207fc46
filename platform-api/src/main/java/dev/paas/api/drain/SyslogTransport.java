package dev.paas.api.drain;

import java.io.IOException;
import java.net.Socket;
import java.util.List;

/** RFC 5424 over TCP (or TLS), framed by octet counting (RFC 6587), the drain token as HOSTNAME. */
final class SyslogTransport implements DrainTransport {
    private final DrainUrl url;
    private final String token;
    private final DrainSockets sockets;
    private Socket socket;

    SyslogTransport(DrainUrl url, String token, DrainSockets sockets) {
        this.url = url;
        this.token = token;
        this.sockets = sockets;
    }

    @Override
    public void send(List<LogplexFrames.Message> batch, String frameId) throws IOException {
        if (socket != null && DrainSockets.closedByPeer(socket)) {
            close();
        }
        if (socket == null) {
            socket = sockets.open(url);
        }
        try {
            sockets.write(socket, LogplexFrames.frames(token, batch, false));
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            DrainSockets.close(socket);
            socket = null;
        }
    }
}
