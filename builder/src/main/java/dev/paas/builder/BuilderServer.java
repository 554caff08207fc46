package dev.paas.builder;

import dev.paas.builder.git.GitHttp;
import dev.paas.common.metrics.PrometheusText;
import dev.paas.common.metrics.RequestMetrics;
import io.javalin.Javalin;
import org.eclipse.jetty.server.ServerConnector;

/** The builder's HTTP side: git pushes, a health check and metrics, in one route table. */
public final class BuilderServer implements AutoCloseable {
    private final Javalin app;

    private BuilderServer(Javalin app) {
        this.app = app;
    }

    public static BuilderServer start(String bind, int port, GitHttp git, long idleTimeoutMillis) {
        var metrics = new RequestMetrics("builder");
        var app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
            cfg.http.defaultContentType = "text/plain";
            cfg.requestLogger.http((ctx, ms) -> metrics.request(ctx.status().getCode(), (long) (ms * 1000)));
        });
        app.get("/healthz", ctx -> ctx.result("ok\n"));
        // Counts and JVM memory only, no app names: as open as the health check.
        app.get("/metrics", ctx -> ctx.contentType(PrometheusText.CONTENT_TYPE).result(metrics.prometheus()));
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
