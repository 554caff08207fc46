package dev.paas.api.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/** One line of the route table; {@code open} routes need no token. */
public record Route(HandlerType method, String path, Handler handler, boolean open) {

    public static Route get(String path, Handler handler) {
        return new Route(HandlerType.GET, path, handler, false);
    }

    public static Route post(String path, Handler handler) {
        return new Route(HandlerType.POST, path, handler, false);
    }

    public static Route patch(String path, Handler handler) {
        return new Route(HandlerType.PATCH, path, handler, false);
    }

    public static Route put(String path, Handler handler) {
        return new Route(HandlerType.PUT, path, handler, false);
    }

    public static Route delete(String path, Handler handler) {
        return new Route(HandlerType.DELETE, path, handler, false);
    }

    public static Route open(HandlerType method, String path, Handler handler) {
        return new Route(method, path, handler, true);
    }
}
