package dev.paas.api.http;

import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * Heroku's list pagination: {@code Range: version ]5..; order=desc, max=10} in, and
 * {@code 206 Partial Content} with {@code Next-Range} out while more items follow.
 */
public final class RangeHeader {
    private static final Pattern FORM =
            Pattern.compile("^\\s*([a-z_]+)\\s*(\\]?)([^;]*?)\\.\\.([^;]*?)\\s*(?:;\\s*(.*))?$");

    private RangeHeader() {
    }

    public static Seek parse(Context ctx, String defaultField) {
        String header = ctx.header("Range");
        if (header == null || header.isBlank()) {
            return Seek.first(defaultField);
        }
        var m = FORM.matcher(header);
        if (!m.matches()) {
            throw ApiFailure.badRequest("Range header '" + header + "' is malformed; use e.g. 'Range: "
                    + defaultField + " ..; order=desc, max=50'.");
        }
        boolean descending = false;
        int max = Seek.DEFAULT_MAX;
        if (m.group(5) != null) {
            for (String option : m.group(5).split("[,;]")) {
                String[] kv = option.trim().split("=", 2);
                if (kv.length != 2) {
                    if (kv[0].isBlank()) {
                        continue;
                    }
                    throw ApiFailure.badRequest("Range option '" + option.trim() + "' must be order=asc|desc or max=N.");
                }
                switch (kv[0].trim()) {
                    case "order" -> descending = switch (kv[1].trim()) {
                        case "asc" -> false;
                        case "desc" -> true;
                        default -> throw ApiFailure.badRequest("Range order must be asc or desc, got " + kv[1].trim() + ".");
                    };
                    case "max" -> max = max(kv[1].trim());
                    default -> throw ApiFailure.badRequest("Range option '" + kv[0].trim() + "' is unknown; use order or max.");
                }
            }
        }
        String start = m.group(3).trim();
        return new Seek(m.group(1), start.isEmpty() ? null : start, !m.group(2).isEmpty(), descending, max);
    }

    private static int max(String value) {
        try {
            int max = Integer.parseInt(value);
            if (max >= 1 && max <= Seek.LIMIT) {
                return max;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw ApiFailure.badRequest("Range max must be a whole number from 1 to " + Seek.LIMIT + ", got " + value + ".");
    }

    /** Writes a page: 200 when complete, else 206 with the Next-Range header to continue from. */
    public static <T> void respond(Context ctx, Seek seek, Seek.Page<T> page) {
        ctx.header("Accept-Ranges", seek.field());
        if (page.more()) {
            ctx.status(206);
            ctx.header("Next-Range", seek.field() + " ]" + page.lastKey() + "..; max=" + seek.max()
                    + (seek.descending() ? ", order=desc" : ""));
        }
        ctx.json(page.items());
    }
}
