package dev.paas.api.route;

import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;
import org.jooq.DSLContext;

/** {@code GET /routes}: the whole route table for routers, with the event id to follow changes from. */
public final class RouteHandler {
    private final DSLContext dsl;
    private final RouteRepository routes;

    public RouteHandler(DSLContext dsl, RouteRepository routes) {
        this.dsl = dsl;
        this.routes = routes;
    }

    public List<Route> routes() {
        return List.of(Route.get("/routes", this::list));
    }

    void list(Context ctx) {
        if (!CurrentUser.of(ctx).admin()) {
            throw ApiFailure.forbidden("Only admin tokens may read the route table.");
        }
        // One snapshot for the table and the event id: a change committed meanwhile is either in the
        // table or after the id, never lost in between.
        Wire.RouteTable table = dsl.transactionResult(cfg -> {
            cfg.dsl().execute("set transaction isolation level repeatable read, read only");
            return new Wire.RouteTable(routes.latestEventId(cfg.dsl()), routes.routes(cfg.dsl(), null));
        });
        ctx.json(table);
    }
}
