package dev.paas.api.drain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Log lines as Logplex sends them: RFC 5424 messages ({@code <190>1 TIMESTAMP HOST APP PROCID - MSG}),
 * each framed by RFC 6587 octet counting ({@code <length> <message>}). Syslog drains carry the drain token
 * as HOST; HTTP drains send {@code host} there and the token in a header, with each message ending in a
 * newline that its length counts (heroku/logplex, doc/README.http_drains.md).
 */
final class LogplexFrames {
    /** local7.info, as Logplex marks app and platform lines alike. */
    static final int PRIORITY = 190;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private LogplexFrames() {
    }

    /** One line to send: {@code source} is the APP-NAME (app, heroku), {@code dyno} the PROCID (web.1, router). */
    record Message(Instant time, String source, String dyno, String text) {
    }

    static Message overflow(long dropped, Instant since, Instant now) {
        return new Message(now, "heroku", "logplex", "Error L10 (output buffer overflow): " + dropped
                + " messages dropped since " + TIMESTAMP.format(since) + ".");
    }

    static String syslog(String host, Message m) {
        return "<" + PRIORITY + ">1 " + TIMESTAMP.format(m.time()) + " " + field(host, 255) + " "
                + field(m.source(), 48) + " " + field(m.dyno(), 128) + " - " + m.text();
    }

    /** The frames of {@code messages}, back to back; {@code newline} ends each message inside its count. */
    static byte[] frames(String host, List<Message> messages, boolean newline) {
        var out = new ByteArrayOutputStream();
        for (Message m : messages) {
            byte[] body = (syslog(host, m) + (newline ? "\n" : "")).getBytes(StandardCharsets.UTF_8);
            out.writeBytes((body.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** RFC 5424 header fields are printable ASCII without spaces, bounded in length; "-" when empty. */
    private static String field(String value, int max) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        var out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c > 32 && c < 127 ? c : '_');
        }
        return out.toString();
    }
}
