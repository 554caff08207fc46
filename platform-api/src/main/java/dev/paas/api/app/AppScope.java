package dev.paas.api.app;

import dev.paas.api.auth.CurrentUser;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.jooq.DSLContext;

/**
 * Binds the {@code {app}} of a route's path: the app is looked up once per request, before the
 * handler, and only if the user may access it (owner, collaborator or admin; anyone else gets the
 * same 404 as for a missing app). Handlers of {@code /apps/{app}/...} receive it as an argument.
 */
public final class AppScope {
    private final DSLContext dsl;
    private final AppRepository apps;

    public AppScope(DSLContext dsl, AppRepository apps) {
        this.dsl = dsl;
        this.apps = apps;
    }

    /** A handler of a route under {@code /apps/{app}}. */
    @FunctionalInterface
    public interface InApp {
        void handle(Context ctx, AppRow app) throws Exception;
    }

    public Handler bind(InApp handler) {
        return ctx -> handler.handle(ctx, apps.require(dsl, CurrentUser.of(ctx), ctx.pathParam("app")));
    }

    /** {@code first} runs before the lookup: a check whose failure answers ahead of a missing app's 404. */
    public Handler bind(Handler first, InApp handler) {
        Handler bound = bind(handler);
        return ctx -> {
            first.handle(ctx);
            bound.handle(ctx);
        };
    }
}
