package dev.paas.builder;

import dev.paas.builder.git.GitHttp;
import io.javalin.Javalin;
import org.eclipse.jetty.server.ServerConnector;

/** The builder's HTTP side: git pushes and a health check, in one route table. */
public final class BuilderServer implements AutoCloseable {
    private final Javalin app;

    private BuilderServer(Javalin app) {
        this.app = app;
    }

    public static BuilderServer start(String bind, int port, GitHttp git, long idleTimeoutMillis) {
        var app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
            cfg.http.defaultContentType = "text/plain";
        });
        app.get("/healthz", ctx -> ctx.result("ok\n"));
        app.get("/{repo}/info/refs", git::advertise);
        app.post("/{repo}/git-receive-pack", git::receive);
        app.start(bind, port);
        // A build can run for minutes with the pusher only reading; the connection must outlive it.
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector server) {
                server.setIdleTimeout(idleTimeoutMillis);
            }
        }
        return new BuilderServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
