package dev.paas.api.app;

import dev.paas.api.auth.CurrentUser;
import dev.paas.api.auth.User;
import dev.paas.api.cache.ReadCache;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Binds the {@code {app}} of a route's path: the app is looked up once per request, before the
 * handler, and only if the user may access it (owner, collaborator or admin; anyone else gets the
 * same 404 as for a missing app). Handlers of {@code /apps/{app}/...} receive it as an argument.
 */
public final class AppScope {
    private final DSLContext dsl;
    private final AppRepository apps;
    private final ReadCache<Key, AppRow> views;

    /** Whose view of which app: the same name may be another user's 404. */
    public record Key(UUID userId, boolean admin, String idOrName) {
    }

    /**
     * {@code views}: apps found for reads (GET) only. A write always reads the app afresh, so that no
     * change is ever made on a view another process has changed meanwhile (its NOTIFY still on the way).
     */
    public AppScope(DSLContext dsl, AppRepository apps, ReadCache<Key, AppRow> views) {
        this.dsl = dsl;
        this.apps = apps;
        this.views = views;
    }

    /** A handler of a route under {@code /apps/{app}}. */
    @FunctionalInterface
    public interface InApp {
        void handle(Context ctx, AppRow app) throws Exception;
    }

    public Handler bind(InApp handler) {
        return ctx -> handler.handle(ctx, app(ctx));
    }

    /** {@code first} runs before the lookup: a check whose failure answers ahead of a missing app's 404. */
    public Handler bind(Handler first, InApp handler) {
        Handler bound = bind(handler);
        return ctx -> {
            first.handle(ctx);
            bound.handle(ctx);
        };
    }

    private AppRow app(Context ctx) {
        User user = CurrentUser.of(ctx);
        String idOrName = ctx.pathParam("app");
        if (ctx.method() != HandlerType.GET) {
            return apps.require(dsl, user, idOrName);
        }
        return views.get(new Key(user.id(), user.admin(), idOrName), () -> apps.find(dsl, user, idOrName), app -> true)
                .orElseThrow(() -> AppRepository.notFound(idOrName));
    }
}
