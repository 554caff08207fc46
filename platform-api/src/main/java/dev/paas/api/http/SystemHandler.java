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
import java.util.function.LongSupplier;
import org.jooq.DSLContext;

/** Unauthenticated endpoints: the health check, the API's metrics and its OpenAPI document. */
public final class SystemHandler {
    private final DSLContext dsl;
    private final byte[] openApi;
    private final RequestMetrics metrics;
    private final LongSupplier statements;
    static final String SQL_STATEMENTS = "paas_api_sql_statements_total";

    /** {@code metrics}: what the server counts, served at {@code /metrics}; {@code statements}: SQL run so far. */
    public SystemHandler(DSLContext dsl, RequestMetrics metrics, LongSupplier statements) {
        this.dsl = dsl;
        this.metrics = metrics;
        this.statements = statements;
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
        String sql = new PrometheusText().type(SQL_STATEMENTS, "counter", "SQL statements the API has run")
                .sample(SQL_STATEMENTS, statements.getAsLong()).toString();
        ctx.contentType(PrometheusText.CONTENT_TYPE).result(metrics.prometheus() + sql);
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

}
