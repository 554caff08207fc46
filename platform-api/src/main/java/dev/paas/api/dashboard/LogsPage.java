package dev.paas.api.dashboard;

import static dev.paas.api.dashboard.Web.BASE;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.EventHub;
import dev.paas.api.http.Route;
import dev.paas.api.log.LogHandler;
import dev.paas.api.log.LogRepository;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * An app's logs: the recent lines in the page, then new ones over server-sent events (what
 * {@code paas logs --tail} follows), filtered by process and source. The stream ends when the session
 * ends or the user loses access to the app, as a CLI tail does when its token is revoked.
 */
final class LogsPage {
    private static final int RECENT = 200;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Set<String> SOURCES = Set.of("app", "heroku");
    private final Web web;
    private final Pages pages;
    private final DSLContext dsl;
    private final AppRepository apps;
    private final LogRepository logs;
    private final EventHub hub;
    private final SignInService sessions;
    private final AppPage.Urls urls;

    LogsPage(Web web, Pages pages, DSLContext dsl, AppRepository apps, LogRepository logs, EventHub hub,
             SignInService sessions, AppPage.Urls urls) {
        this.web = web;
        this.pages = pages;
        this.dsl = dsl;
        this.apps = apps;
        this.logs = logs;
        this.hub = hub;
        this.sessions = sessions;
        this.urls = urls;
    }

    List<Route> routes() {
        return List.of(
                Route.open(HandlerType.GET, BASE + "/apps/{app}/logs", web.inApp(this::show)),
                Route.open(HandlerType.GET, BASE + "/apps/{app}/logs/stream", web.inApp(this::stream)));
    }

    void show(Context ctx, Session session, AppRow app) {
        String dyno = blankToNull(ctx.queryParam("process"));
        String source = source(ctx);
        long last = logs.lastId(dsl, app.id());
        var lines = logs.recent(dsl, app.id(), RECENT, dyno, source).stream()
                .map(s -> new Views.LogLine(s.id(), LogHandler.format(s.line()))).toList();
        var params = web.params(session, app.name() + " logs", app.name(), "logs");
        params.put("app", urls.of(app));
        params.put("lines", lines);
        params.put("process", dyno == null ? "" : dyno);
        params.put("source", source == null ? "" : source);
        params.put("after", lines.isEmpty() ? last : Math.max(last, lines.getLast().id()));
        pages.render(ctx, 200, "logs.jte", params);
    }

    void stream(Context ctx, Session session, AppRow app) throws IOException, InterruptedException {
        String dyno = blankToNull(ctx.queryParam("process"));
        String source = source(ctx);
        long last = after(ctx.header("Last-Event-ID"), ctx.queryParam("after"), app);
        ctx.contentType("text/event-stream; charset=utf-8");
        ctx.header("X-Accel-Buffering", "no");
        try (var slot = hub.admit(session.user().id())) {
            OutputStream out = ctx.res().getOutputStream();
            out.write(": following\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (hub.running()) {
                long seen = hub.generation();
                if (!sessions.live(session) || apps.find(dsl, session.user(), app.id().toString()).isEmpty()) {
                    return;
                }
                var next = logs.after(dsl, app.id(), last, dyno, source);
                if (!next.isEmpty()) {
                    last = next.getLast().id();
                    var text = new StringBuilder();
                    for (var s : next) {
                        text.append("id: ").append(s.id()).append('\n');
                        text.append("data: ").append(LogHandler.format(s.line()).replace("\n", " ")).append("\n\n");
                    }
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else if (!hub.awaitBeyond(seen, KEEP_ALIVE)) {
                    // A comment: how a browser that has gone is noticed, and its stream place given back.
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        }
    }

    /** Where a stream starts: after the last line the browser saw (on reconnecting) or the page showed. */
    private long after(String lastEventId, String after, AppRow app) {
        for (String given : new String[] {lastEventId, after}) {
            if (given != null && given.matches("\\d{1,18}")) {
                return Long.parseLong(given);
            }
        }
        return logs.lastId(dsl, app.id());
    }

    private static String source(Context ctx) {
        String source = blankToNull(ctx.queryParam("source"));
        if (source != null && !SOURCES.contains(source)) {
            throw ApiFailure.invalid("The source must be app or heroku (or empty for both), got '" + source + "'.");
        }
        return source;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
