package dev.paas.api.log;

import dev.paas.api.app.AppRepository;
import dev.paas.api.auth.Authenticator;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.event.EventHub;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.EofException;
import org.jooq.DSLContext;

/**
 * A release phase's output as plain text, at its release's {@code output_stream_url} (Heroku's field, which the
 * heroku CLI's {@code releases:output} reads): the lines of its one-off {@code release.N} so far, then new ones as
 * they come, until the phase is over. The URL is signed as a log session's is and opened without other credentials.
 */
public final class ReleaseOutputHandler {
    private static final String PATH = "/release-outputs/";
    /** The agent's last word on an ended one-off, written after the process's own last lines. */
    private static final Pattern ENDED = Pattern.compile("State changed from \\w+ to complete");
    /** A phase stopped by the platform (timeout) may get no such word: lines still in flight get this long. */
    private static final Duration AFTER_END = Duration.ofSeconds(5);
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);
    private final DSLContext dsl;
    private final LogRepository logs;
    private final EventHub hub;
    private final LogGrant grant;
    private final Phases phases;

    /** Whether the app's release phase {@code dyno} ({@code release.3}) still runs. */
    public interface Phases {
        boolean running(UUID appId, String dyno);
    }

    public ReleaseOutputHandler(DSLContext dsl, AppRepository apps, LogRepository logs, EventHub hub,
                                Authenticator authenticator, LogSessionTokens tokens, Phases phases) {
        this.dsl = dsl;
        this.logs = logs;
        this.hub = hub;
        this.grant = new LogGrant(dsl, apps, authenticator, tokens);
        this.phases = phases;
    }

    public List<Route> routes() {
        return List.of(Route.open(HandlerType.GET, PATH + "{token}", this::stream));
    }

    /** The stream of {@code dyno}'s output, with the rights of the request's API token, at the address the client used. */
    public String url(Context ctx, UUID appId, String dyno) {
        var claims = grant.tokens().claims(appId, CurrentUser.credential(ctx).tokenId(), dyno, null, 1500, true);
        return ctx.scheme() + "://" + ctx.host() + PATH + grant.tokens().sign(claims);
    }

    void stream(Context ctx) throws IOException, InterruptedException {
        var granted = grant.open(ctx.pathParam("token"), "Ask for the release again (paas releases:output).");
        ctx.contentType("text/plain; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        try (var slot = hub.admit(granted.credential().user().id())) {
            follow(ctx.res().getOutputStream(), granted);
        } catch (EofException clientGone) {
            // The reader left (Ctrl-C): a normal end.
        }
    }

    private void follow(OutputStream out, LogGrant.Granted granted) throws IOException, InterruptedException {
        UUID appId = granted.app().id();
        String dyno = granted.claims().dyno();
        long last = 0;
        long overSince = 0;
        while (hub.running() && grant.holds(granted)) {
            long seen = hub.generation();
            var next = logs.after(dsl, appId, last, dyno, null);
            boolean ended = false;
            var text = new StringBuilder();
            for (var s : next) {
                last = s.id();
                if ("app".equals(s.line().source())) {
                    text.append(s.line().line().replace("\r", "")).append('\n');
                } else if (ENDED.matcher(s.line().line()).find()) {
                    ended = true;
                }
            }
            if (!text.isEmpty()) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (ended) {
                return;
            }
            if (next.isEmpty()) {
                if (phases.running(appId, dyno)) {
                    overSince = 0;
                } else if (overSince == 0) {
                    overSince = System.nanoTime();
                } else if (System.nanoTime() - overSince > AFTER_END.toNanos()) {
                    return;
                }
                hub.awaitBeyond(seen, granted.credential().waitAtMost(LOOK_AGAIN));
            }
        }
    }
}
