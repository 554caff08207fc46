package dev.paas.router.log;

/**
 * One request as Heroku's router logs it:
 * {@code at=info method=GET path="/" host=... request_id=... fwd="..." dyno=web.1 connect=1ms service=5ms
 * status=200 bytes=13 protocol=http} ({@code https} over TLS); errors start {@code at=error code=H12 desc="Request timeout"}.
 */
public record RequestLogLine(String code, String desc, String method, String path, String host, String requestId,
                             String fwd, String dyno, long connectMs, long serviceMs, int status, long bytes,
                             String protocol) {

    /** A request that came over plain HTTP. */
    public RequestLogLine(String code, String desc, String method, String path, String host, String requestId,
                          String fwd, String dyno, long connectMs, long serviceMs, int status, long bytes) {
        this(code, desc, method, path, host, requestId, fwd, dyno, connectMs, serviceMs, status, bytes, "http");
    }

    public String format() {
        var out = new StringBuilder(256);
        formatTo(out);
        return out.toString();
    }

    /** Appends the line to {@code out}: the access log's writer reuses one builder for all its lines. */
    public void formatTo(StringBuilder out) {
        if (code == null && desc == null) {
            out.append("at=info");
        } else {
            out.append("at=error");
            if (code != null) {
                out.append(" code=").append(code);
            }
            out.append(" desc=");
            quoted(out, desc);
        }
        out.append(" method=").append(bare(method)).append(" path=");
        quoted(out, path);
        out.append(" host=").append(bare(host)).append(" request_id=").append(bare(requestId)).append(" fwd=");
        quoted(out, fwd);
        out.append(" dyno=").append(dyno == null ? "" : dyno)
                .append(" connect=").append(connectMs).append("ms service=").append(serviceMs)
                .append("ms status=").append(status).append(" bytes=").append(bytes).append(" protocol=")
                .append(protocol);
    }

    /** A value without spaces, quotes or control characters, so lines stay one key=value per field. */
    private static String bare(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c >= 0x7f) {
                var clean = new StringBuilder(value.length());
                value.chars().forEach(ch -> clean.append(ch <= ' ' || ch == '"' || ch >= 0x7f ? '_' : (char) ch));
                return clean.toString();
            }
        }
        return value;
    }

    private static void quoted(StringBuilder out, String value) {
        out.append('"');
        if (value != null && plain(value)) {
            out.append(value); // the usual case, copied whole
        } else if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < ' ' || c == 0x7f) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** Whether {@code value} needs no escaping inside quotes. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
