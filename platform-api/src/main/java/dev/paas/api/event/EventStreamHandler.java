package dev.paas.api.event;

import dev.paas.api.app.AppRepository;
import dev.paas.api.auth.Authenticator;
import dev.paas.api.auth.Credential;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.auth.User;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * {@code GET /events}: a server-sent event stream of changes after {@code ?since=ID} ({@code now}: only
 * changes from here on), or after the
 * {@code Last-Event-ID} header on reconnect), optionally for one {@code ?app=}. Watchers list
 * the current state, note the newest event id, then follow this stream from there.
 */
public final class EventStreamHandler {
    private static final int BATCH = 500;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final String SLOT = "paas.stream-slot";
    private final DSLContext dsl;
    private final AppRepository apps;
    private final EventRepository events;
    private final EventHub hub;
    private final Authenticator authenticator;

    public EventStreamHandler(DSLContext dsl, AppRepository apps, com.fasterxml.jackson.databind.ObjectMapper json,
                              EventHub hub, Authenticator authenticator) {
        this.authenticator = authenticator;
        this.dsl = dsl;
        this.apps = apps;
        this.events = new EventRepository(json);
        this.hub = hub;
    }

    public List<Route> routes() {
        var sse = new SseHandler(this::stream);
        return List.of(Route.get("/events", ctx -> {
            check(ctx);
            // Javalin runs the stream on another thread: the slot goes with it and is given back when it ends.
            // The platform's own components (each host's agent and router, the builder) follow the event stream
            // with the install's admin token: the operator's streams, one per component, not a tenant's to bound.
            var user = CurrentUser.of(ctx);
            var slot = user.admin() ? hub.uncounted() : hub.admit(user.id());
            ctx.attribute(SLOT, slot);
            try {
                sse.handle(ctx);
            } catch (RuntimeException e) {
                slot.close();
                throw e;
            }
        }));
    }

    /** Runs before the stream opens, so bad parameters still get a plain JSON error. */
    void check(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiFailure(ApiFailure.Kind.NOT_ACCEPTABLE, "/events is a server-sent event stream: send "
                    + "'Accept: text/event-stream'.");
        }
        since(ctx);
        app(ctx);
    }

    void stream(SseClient client) {
        Context ctx = client.ctx();
        Credential credential = CurrentUser.credential(ctx);
        User user = credential.user();
        long last = "now".equals(ctx.queryParam("since")) && ctx.header("Last-Event-ID") == null
                ? events.latestId(dsl) : since(ctx);
        UUID app = app(ctx);
        client.keepAlive();
        try {
            // Every event and token revocation wakes this loop: a watcher who lost access stops here.
            while (!client.terminated() && hub.running()) {
                long seen = hub.generation();
                if (!mayStillWatch(credential, app)) {
                    return;
                }
                List<Wire.Event> batch = events.after(dsl, user, last, app, BATCH);
                for (Wire.Event e : batch) {
                    client.sendEvent(e.kind(), e, String.valueOf(e.id()));
                    last = e.id();
                }
                if (batch.size() < BATCH && !hub.awaitBeyond(seen, credential.waitAtMost(KEEP_ALIVE))) {
                    client.sendComment("keep-alive");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            StreamQuota.Slot slot = ctx.attribute(SLOT);
            if (slot != null) {
                slot.close();
            }
            client.close();
        }
    }

    /** The token still holds and, for a stream of one app, the app is still there and the user's to see. */
    private boolean mayStillWatch(Credential credential, UUID app) {
        return authenticator.stillValid(credential)
                && (app == null || apps.find(dsl, credential.user(), app.toString()).isPresent());
    }

    private static long since(Context ctx) {
        String value = ctx.header("Last-Event-ID");
        if (value == null || value.isBlank()) {
            value = ctx.queryParam("since");
        }
        if (value == null || value.isBlank() || value.equals("now")) {
            return 0;
        }
        try {
            long since = Long.parseLong(value.trim());
            if (since >= 0) {
                return since;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw ApiFailure.badRequest("'since' (or Last-Event-ID) must be an event id, a whole number >= 0; got " + value);
    }

    private UUID app(Context ctx) {
        String name = ctx.queryParam("app");
        return name == null || name.isBlank() ? null : apps.require(dsl, CurrentUser.of(ctx), name).id();
    }
}
