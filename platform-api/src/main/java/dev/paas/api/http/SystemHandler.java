package dev.paas.api.http;

import dev.paas.common.metrics.PrometheusText;
import dev.paas.common.metrics.RequestMetrics;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Unauthenticated endpoints: the health check, the API's metrics and its OpenAPI document. */
public final class SystemHandler {
    private final DSLContext dsl;
    private final byte[] openApi;
    private final RequestMetrics metrics;

    /** {@code metrics}: what the server counts, served at {@code /metrics}. */
    public SystemHandler(DSLContext dsl, RequestMetrics metrics) {
        this.dsl = dsl;
        this.metrics = metrics;
        try (InputStream in = SystemHandler.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the platform-api jar");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Route> routes() {
        return List.of(
                Route.open(HandlerType.GET, "/healthz", this::health),
                Route.open(HandlerType.GET, "/metrics", this::metrics),
                Route.open(HandlerType.GET, "/openapi.json", this::openApi));
    }

    /** 200 when the database answers; load balancers and the start-up scripts wait on this. */
    void health(Context ctx) {
        try {
            dsl.selectOne().fetch();
            ctx.json(Map.of("status", "ok"));
        } catch (RuntimeException e) {
            ctx.status(503).json(Map.of("status", "unavailable", "reason", "database: " + e.getMessage()));
        }
    }

    /** Open like the health check: counts by status class and the JVM's memory, nothing about any app. */
    void metrics(Context ctx) {
        ctx.contentType(PrometheusText.CONTENT_TYPE).result(metrics.prometheus());
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

}
