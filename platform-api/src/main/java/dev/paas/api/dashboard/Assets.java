package dev.paas.api.dashboard;

import static dev.paas.api.dashboard.Web.BASE;

import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Route;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The dashboard's own style sheet and script, from the jar: no CDN, no external font. */
final class Assets {
    private static final Map<String, String> TYPES = Map.of(
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8");
    private final Map<String, byte[]> files;
    private final Web web;

    Assets(Web web) {
        this.web = web;
        this.files = Map.of("dashboard.css", read("dashboard.css"), "dashboard.js", read("dashboard.js"));
    }

    List<Route> routes() {
        return List.of(Route.open(HandlerType.GET, BASE + "/assets/{file}", web.open(this::serve)));
    }

    void serve(Context ctx) {
        String name = ctx.pathParam("file");
        byte[] body = files.get(name);
        if (body == null) {
            throw ApiFailure.notFound("No such file: " + name + ".");
        }
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType(TYPES.get(name)).result(body);
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the build: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
