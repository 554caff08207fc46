package dev.paas.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.auth.Authenticator;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.client.Wire;
import dev.paas.common.metrics.RequestMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP edge: routes, authentication, request logs, and the one mapping of errors to responses. */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final Pattern GIVEN_REQUEST_ID = Pattern.compile("[A-Za-z0-9+/=._-]{20,200}");
    private final Javalin javalin;
    private final RequestLog requestLog = new RequestLog(LOG);

    /**
     * Jetty's selector and acceptor threads stay platform threads and requests (long streams among
     * them) run on virtual threads: Jetty's recommended split. Javalin's {@code useVirtualThreads} runs
     * Jetty's selectors on virtual threads too, which has been seen to stop answering on small hosts.
     */
    private static QueuedThreadPool threadPool() {
        var pool = new QueuedThreadPool(16, 4, 60_000);
        pool.setName("api");
        pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("api-", 0).factory()));
        return pool;
    }

    /**
     * {@code metrics} counts every request answered; {@code GET /metrics} serves them. {@code pages} (the
     * dashboard's) are mounted as they are: they authenticate with their own session, not a token.
     */
    public ApiServer(ObjectMapper json, Authenticator authenticator, List<Route> routes, List<Route> pages,
                     long maxBodyBytes, RequestMetrics metrics) {
        this.javalin = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = true; // for what Javalin runs itself (server-sent event streams)
            cfg.jetty.threadPool = threadPool();
            cfg.http.maxRequestSize = maxBodyBytes;
            cfg.jsonMapper(new JavalinJackson(json, true));
            cfg.requestLogger.http((ctx, ms) -> {
                metrics.request(ctx.status().getCode(), (long) (ms * 1000));
                requestLog.add(new RequestLog.Line(ctx.method().name(), ctx.path(), ctx.status().getCode(),
                        Math.round(ms), ctx.res().getHeader("X-Request-Id")));
            });
        });
        javalin.before(ApiServer::requestId);
        for (Route route : routes) {
            Handler handler = route.open() ? route.handler() : authenticated(authenticator, route.handler());
            javalin.addHttpHandler(route.method(), route.path(), handler);
        }
        for (Route page : pages) {
            javalin.addHttpHandler(page.method(), page.path(), page.handler());
        }
        javalin.exception(ApiFailure.class, (e, ctx) -> error(ctx, e.kind().status, e.kind().id, e.getMessage()));
        javalin.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), idOf(e.getStatus()),
                e.getMessage()));
        javalin.exception(Exception.class, (e, ctx) -> {
            LOG.error("at=error msg=\"unhandled exception\" method={} path={} request_id={}", ctx.method(),
                    ctx.path(), ctx.header("X-Request-Id"), e);
            error(ctx, 500, "internal_server_error", "Internal server error. It is logged with request id "
                    + ctx.res().getHeader("X-Request-Id") + ".");
        });
        javalin.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "not_found", "No such endpoint: " + ctx.method() + " " + ctx.path()
                        + ". See /openapi.json for the API.");
            }
        });
        javalin.error(405, ctx -> error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on "
                + ctx.path() + "."));
    }

    public ApiServer start(String bind, int port) {
        javalin.start(bind, port);
        return this;
    }

    public int port() {
        return javalin.port();
    }

    private static Handler authenticated(Authenticator authenticator, Handler handler) {
        return ctx -> {
            CurrentUser.set(ctx, authenticator.authenticate(ctx.header("Authorization")));
            handler.handle(ctx);
        };
    }

    private static void requestId(Context ctx) {
        String given = ctx.header("X-Request-Id");
        boolean valid = given != null && GIVEN_REQUEST_ID.matcher(given).matches();
        ctx.header("X-Request-Id", valid ? given : newRequestId());
    }

    /**
     * A version-4 UUID drawn from {@link ThreadLocalRandom}: a request id ties lines together and guards
     * nothing, and {@code UUID.randomUUID()}'s SecureRandom (a lock and a read of /dev/urandom) was 4% of
     * a cached GET's CPU.
     */
    static String newRequestId() {
        var random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    private static void error(Context ctx, int status, String id, String message) {
        ctx.status(status).json(new Wire.Error(id, message));
    }

    private static String idOf(int status) {
        for (var kind : ApiFailure.Kind.values()) {
            if (kind.status == status) {
                return kind.id;
            }
        }
        return "http_" + status;
    }

    @Override
    public void close() {
        javalin.stop();
        requestLog.close();
    }
}
