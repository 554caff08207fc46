package dev.paas.api.drain;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Logplex's HTTP(S) drains: each batch is one {@code POST} of octet-counted RFC 5424 frames with
 * {@code Content-Type: application/logplex-1} and the {@code Logplex-Msg-Count}, {@code Logplex-Frame-Id}
 * and {@code Logplex-Drain-Token} headers; any 2xx answer acknowledges it. HTTP/1.1 is spoken here over
 * {@link DrainSockets} rather than through a general client, so that the address connected to is the one
 * the drain policy checked.
 */
final class HttpTransport implements DrainTransport {
    private static final int MAX_HEADER_LINE = 8192;
    private static final int MAX_HEADERS = 100;
    private final DrainUrl url;
    private final String token;
    private final DrainSockets sockets;
    private final String authorization;
    private Socket socket;
    private InputStream in;

    HttpTransport(DrainUrl url, String token, DrainSockets sockets) {
        this.url = url;
        this.token = token;
        this.sockets = sockets;
        this.authorization = url.userInfo() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                URLDecoder.decode(url.userInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void send(List<LogplexFrames.Message> batch, String frameId) throws IOException {
        byte[] body = LogplexFrames.frames("host", batch, true);
        var head = new StringBuilder()
                .append("POST ").append(url.pathAndQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.authority()).append("\r\n")
                .append("User-Agent: paas-logplex\r\n")
                .append("Content-Type: application/logplex-1\r\n")
                .append("Logplex-Msg-Count: ").append(batch.size()).append("\r\n")
                .append("Logplex-Frame-Id: ").append(frameId).append("\r\n")
                .append("Logplex-Drain-Token: ").append(token).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        head.append("\r\n");
        var request = new ByteArrayOutputStream(head.length() + body.length);
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        try {
            if (socket == null) {
                socket = sockets.open(url);
                in = new BufferedInputStream(socket.getInputStream());
            }
            sockets.write(socket, request.toByteArray());
            int status = readResponse();
            if (status < 200 || status > 299) {
                throw new IOException("the drain answered HTTP " + status);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Reads one response to its end, keeping the connection for the next batch when the server allows. */
    private int readResponse() throws IOException {
        int status;
        boolean keepAlive;
        long length = -1;
        boolean chunked = false;
        do {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            status = Integer.parseInt(parts[1]);
            keepAlive = parts[0].equals("HTTP/1.1");
            for (int i = 0; ; i++) {
                String header = line();
                if (header.isEmpty()) {
                    break;
                }
                if (i == MAX_HEADERS) {
                    throw new IOException("too many response headers");
                }
                int colon = header.indexOf(':');
                String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> keepAlive = keepAlive ? !value.contains("close") : value.contains("keep-alive");
                    default -> { }
                }
            }
        } while (status >= 100 && status < 200);
        if (chunked) {
            for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            keepAlive = false; // the body runs to the end of the connection
        }
        if (!keepAlive) {
            close();
        }
        return status;
    }

    private String line() throws IOException {
        var out = new StringBuilder();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                int end = out.length() > 0 && out.charAt(out.length() - 1) == '\r' ? out.length() - 1 : out.length();
                return out.substring(0, end);
            }
            if (out.length() == MAX_HEADER_LINE) {
                throw new IOException("response line longer than " + MAX_HEADER_LINE + " bytes");
            }
            out.append((char) c);
        }
        throw new IOException("the drain closed the connection mid-response");
    }

    private void skip(long n) throws IOException {
        for (long left = n; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() == -1) {
                    throw new IOException("the drain closed the connection mid-response");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            DrainSockets.close(socket);
            socket = null;
            in = null;
        }
    }
}
