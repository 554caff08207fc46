package dev.paas.api.log;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.auth.Authenticator;
import dev.paas.api.auth.Credential;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventHub;
import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.post;

import dev.paas.api.app.AppScope;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * {@code GET /apps/{app}/logs}: recent lines as Heroku prints them
 * ({@code 2026-11-22T10:00:00.000000+00:00 app[web.1]: ...}); with {@code tail=true} the
 * response stays open and new lines follow, with an empty line every 15 s while none come (a keep-alive,
 * and how a client that has gone is noticed). {@code POST /agents/{agent}/logs}: agents ship lines.
 */
public final class LogHandler {
    static final int MAX_BATCH = 1000;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Set<String> SOURCES = Set.of("app", "heroku");
    private final DSLContext dsl;
    private final AppRepository apps;
    private final AppScope app;
    private final LogRepository logs;
    private final LogService service;
    private final EventHub hub;
    private final Bodies bodies;
    private final Authenticator authenticator;

    public LogHandler(DSLContext dsl, AppRepository apps, AppScope app, LogRepository logs, LogService service,
                      EventHub hub, Bodies bodies, Authenticator authenticator) {
        this.service = service;
        this.app = app;
        this.authenticator = authenticator;
        this.dsl = dsl;
        this.apps = apps;
        this.logs = logs;
        this.hub = hub;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/apps/{app}/logs", app.bind(this::read)),
                post("/agents/{agent}/logs", this::ingest),
                post("/logs", this::ingest));
    }

    void ingest(Context ctx) {
        if (!CurrentUser.of(ctx).admin()) {
            throw ApiFailure.forbidden("Only admin tokens may ship logs as runtime agents.");
        }
        List<Wire.LogLine> lines = bodies.read(ctx, Wire.LogLines.class).lines();
        if (lines == null || lines.isEmpty() || lines.size() > MAX_BATCH) {
            throw ApiFailure.invalid("Send {\"lines\": [...]} with 1 to " + MAX_BATCH + " lines.");
        }
        for (var l : lines) {
            if (l == null || l.appId() == null || l.time() == null || !SOURCES.contains(l.source()) || l.dyno() == null
                    || l.dyno().isBlank() || l.dyno().length() > 64 || l.line() == null) {
                throw ApiFailure.invalid("Each line needs app_id, time, source (app or heroku), dyno and line.");
            }
        }
        service.ingest(lines);
        ctx.status(204);
    }

    void read(Context ctx, AppRow app) throws IOException, InterruptedException {
        int num = num(ctx.queryParam("num"));
        String dyno = ctx.queryParam("dyno");
        String source = ctx.queryParam("source");
        if (source != null && !source.isBlank() && !SOURCES.contains(source)) {
            throw ApiFailure.invalid("'source' must be app or heroku.");
        }
        boolean tail = "true".equals(ctx.queryParam("tail"));
        ctx.contentType("text/plain; charset=utf-8");
        long last = tail ? logs.lastId(dsl, app.id()) : 0;
        var recent = logs.recent(dsl, app.id(), num, dyno, source);
        if (!tail) {
            var text = new StringBuilder();
            recent.forEach(s -> text.append(format(s.line())).append('\n'));
            ctx.result(text.toString());
            return;
        }
        Credential credential = CurrentUser.credential(ctx);
        try (var slot = hub.admit(credential.user().id())) {
            follow(ctx.res().getOutputStream(), credential, app, recent, last, dyno, source);
        }
    }

    private void follow(OutputStream out, Credential credential, AppRow app, List<LogRepository.Stored> recent,
                        long last, String dyno, String source) throws IOException, InterruptedException {
        write(out, recent);
        // Lines come in batches; the hub wakes this loop when any batch lands, and on every event
        // or token revocation, so that a follower who lost access is cut off at once.
        while (hub.running()) {
            long seen = hub.generation();
            if (!mayStillRead(credential, app)) {
                return;
            }
            var next = logs.after(dsl, app.id(), last, dyno, source);
            if (!next.isEmpty()) {
                last = next.getLast().id();
                write(out, next);
            } else if (!hub.awaitBeyond(seen, credential.waitAtMost(KEEP_ALIVE))) {
                // An empty line (no log line is empty): a write is how a client that has gone is noticed,
                // and its stream ended, so that it does not hold one of its user's stream places.
                out.write('\n');
                out.flush();
            }
        }
    }

    private boolean mayStillRead(Credential credential, AppRow app) {
        return authenticator.stillValid(credential)
                && apps.find(dsl, credential.user(), app.id().toString()).isPresent();
    }

    private static void write(OutputStream out, List<LogRepository.Stored> lines) throws IOException {
        var text = new StringBuilder();
        lines.forEach(s -> text.append(format(s.line())).append('\n'));
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public static String format(Wire.LogLine l) {
        return l.time().toString() + " " + l.source() + "[" + l.dyno() + "]: " + l.line();
    }

    private static int num(String value) {
        if (value == null || value.isBlank()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 1500) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw ApiFailure.invalid("'num' must be a whole number from 1 to 1500, got " + value + ".");
    }
}
