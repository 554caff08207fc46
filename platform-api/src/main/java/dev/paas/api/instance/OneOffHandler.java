package dev.paas.api.instance;

import static dev.paas.api.http.Route.post;

import dev.paas.api.app.AppRow;
import dev.paas.api.app.AppScope;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.DynoSize;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code POST /apps/{app}/dynos}: a one-off process (twelve-factor XII) from the current release,
 * with its config, on one agent, run once. Its output and its exit status ("Process exited with
 * status N") reach the app's log as dyno {@code run.N}; {@code paas run} follows that.
 */
public final class OneOffHandler {
    static final int MAX_COMMAND = 10_000;
    private final AppScope app;
    private final OneOffService service;
    private final Bodies bodies;

    public OneOffHandler(AppScope app, OneOffService service, Bodies bodies) {
        this.app = app;
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(post("/apps/{app}/dynos", app.bind(this::create)));
    }

    void create(Context ctx, AppRow app) {
        var body = bodies.read(ctx, Wire.DynoCreate.class);
        if (body.command() == null || body.command().isBlank() || body.command().length() > MAX_COMMAND) {
            throw ApiFailure.invalid("Give the 'command' to run, 1 to " + MAX_COMMAND + " characters, such as "
                    + "\"bash\" or \"python manage.py migrate\".");
        }
        DynoSize size = body.size() == null ? DynoSize.DEFAULT : DynoSize.of(body.size()).orElseThrow(() ->
                ApiFailure.invalid("Size '" + body.size() + "' is unknown. Sizes: " + String.join(", ",
                        DynoSize.names()) + "."));
        boolean attach = body.attach() == null || body.attach();
        ctx.status(201).json(service.start(app, CurrentUser.of(ctx), body.command(), size, attach));
    }
}
