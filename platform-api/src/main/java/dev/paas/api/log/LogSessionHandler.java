package dev.paas.api.log;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.Authenticator;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventHub;
import dev.paas.api.app.AppScope;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import io.javalin.http.HandlerType;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import org.eclipse.jetty.io.EofException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Heroku's log sessions, which the heroku CLI's {@code logs} uses: {@code POST /apps/{app}/log-sessions}
 * answers a {@code logplex_url}; {@code GET /log-sessions/{token}} (no Authorization header: the
 * signed token is the credential) streams the lines as server-sent events, one event per line with
 * its id, then ends, or with {@code tail} keeps following. A tail that reconnects with
 * {@code Last-Event-ID} resumes after that line.
 */
public final class LogSessionHandler {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Set<String> SOURCES = Set.of("app", "heroku");
    private final DSLContext dsl;
    private final AppScope app;
    private final LogRepository logs;
    private final EventHub hub;
    private final Bodies bodies;
    private final LogGrant grant;
    private final LogSessionTokens tokens;

    public LogSessionHandler(DSLContext dsl, AppRepository apps, AppScope app, LogRepository logs, EventHub hub,
                             Bodies bodies, Authenticator authenticator, LogSessionTokens tokens) {
        this.app = app;
        this.dsl = dsl;
        this.logs = logs;
        this.hub = hub;
        this.bodies = bodies;
        this.grant = new LogGrant(dsl, apps, authenticator, tokens);
        this.tokens = tokens;
    }

    /** The stream is open: its signed token is the credential, checked in {@link #stream}. */
    public List<Route> routes() {
        return List.of(
                Route.post("/apps/{app}/log-sessions", app.bind(this::create)),
                Route.open(HandlerType.GET, "/log-sessions/{token}", this::stream));
    }

    void create(Context ctx, AppRow app) {
        var body = bodies.read(ctx, Wire.LogSessionCreate.class);
        String source = blankToNull(body.source());
        if (source != null && !SOURCES.contains(source)) {
            throw ApiFailure.invalid("'source' must be app or heroku, got '" + source + "'.");
        }
        String dyno = blankToNull(body.dyno());
        if (dyno != null && !dyno.matches("[a-z][a-z0-9_-]{0,29}(\\.\\d{1,4})?")) {
            throw ApiFailure.invalid("'dyno' must be a process type (web) or a process (web.1), got '" + dyno + "'.");
        }
        int lines = body.lines() == null ? 100 : body.lines();
        if (lines < 1 || lines > 1500) {
            throw ApiFailure.invalid("'lines' must be from 1 to 1500, got " + lines + ".");
        }
        var claims = tokens.claims(app.id(), CurrentUser.credential(ctx).tokenId(), dyno, source, lines,
                Boolean.TRUE.equals(body.tail()));
        // The stream is served by this API, at the address the client used to reach it.
        String url = ctx.scheme() + "://" + ctx.host() + "/log-sessions/" + tokens.sign(claims);
        Instant now = Instant.now();
        ctx.status(201).json(new Wire.LogSession(claims.session(), url, now, now));
    }

    void stream(Context ctx) throws IOException, InterruptedException {
        var granted = grant.open(ctx.pathParam("token"), "Start a new log session (run `heroku logs` again).");
        var claims = granted.claims();
        ctx.contentType("text/event-stream; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        Long resumeAfter = lastEventId(ctx.header("Last-Event-ID"));
        if (!claims.tail()) {
            ctx.result(events(logs.recent(dsl, granted.app().id(), claims.lines(), claims.dyno(), claims.source())));
            return;
        }
        try (var slot = hub.admit(granted.credential().user().id())) {
            follow(ctx.res().getOutputStream(), granted, resumeAfter);
        } catch (EofException clientGone) {
            // The client ended the tail (Ctrl-C): a normal end of the stream, not a server error.
        }
    }

    private void follow(OutputStream out, LogGrant.Granted granted, Long resumeAfter)
            throws IOException, InterruptedException {
        var app = granted.app();
        var claims = granted.claims();
        long last = resumeAfter != null ? resumeAfter : logs.lastId(dsl, app.id());
        if (resumeAfter == null) {
            write(out, events(logs.recent(dsl, app.id(), claims.lines(), claims.dyno(), claims.source())));
        } else {
            write(out, ": resumed\n\n");
        }
        // As in LogHandler: woken by every log batch, event and revocation, re-checking access each time.
        while (hub.running()) {
            long seen = hub.generation();
            if (!grant.holds(granted)) {
                return;
            }
            var next = logs.after(dsl, app.id(), last, claims.dyno(), claims.source());
            if (!next.isEmpty()) {
                last = next.getLast().id();
                write(out, events(next));
            } else if (!hub.awaitBeyond(seen, granted.credential().waitAtMost(KEEP_ALIVE))) {
                write(out, ": keep-alive\n\n"); // fails once the client has gone
            }
        }
    }

    private static String events(List<LogRepository.Stored> lines) {
        var text = new StringBuilder();
        for (var s : lines) {
            text.append("id: ").append(s.id()).append('\n');
            // A stray line break inside a line must not end the field (it could forge an id: field).
            for (String part : LogHandler.format(s.line()).split("\r\n|\r|\n", -1)) {
                text.append("data: ").append(part).append('\n');
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Long lastEventId(String header) {
        if (header == null || !header.matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(header);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
