package dev.paas.api.backup;

import static dev.paas.api.http.Route.get;
import static dev.paas.api.http.Route.post;
import static dev.paas.api.http.Route.put;

import dev.paas.api.agent.AgentRow;
import dev.paas.api.auth.CurrentUser;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.http.Bodies;
import dev.paas.api.http.Route;
import dev.paas.client.Wire;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The agents' side of backups (admin tokens only): {@code GET /agents/{agent}/backup-jobs}, taking one
 * ({@code POST .../backup-jobs/{job}/claim}), saying how it ended ({@code PUT .../backup-jobs/{job}}),
 * and a dump's bytes both ways ({@code PUT}/{@code GET /agents/{agent}/backups/{backup}/data}), streamed.
 */
public final class AgentBackupHandler {
    private static final Set<String> ENDINGS = Set.of(JobState.COMPLETED, JobState.FAILED);
    private final BackupJobService service;
    private final Bodies bodies;

    public AgentBackupHandler(BackupJobService service, Bodies bodies) {
        this.service = service;
        this.bodies = bodies;
    }

    public List<Route> routes() {
        return List.of(
                get("/agents/{agent}/backup-jobs", ctx -> ctx.json(service.jobs(agent(ctx)))),
                post("/agents/{agent}/backup-jobs/{job}/claim", ctx -> ctx.json(service.claim(agent(ctx),
                        id(ctx, "job")))),
                put("/agents/{agent}/backup-jobs/{job}", this::report),
                put("/agents/{agent}/backups/{backup}/data", this::upload),
                get("/agents/{agent}/backups/{backup}/data", this::download));
    }

    void report(Context ctx) {
        AgentRow agent = agent(ctx);
        var report = bodies.read(ctx, Wire.BackupJobReport.class);
        if (!ENDINGS.contains(report.state())) {
            throw ApiFailure.invalid("A backup job ends " + ENDINGS + ", got " + report.state() + ".");
        }
        String reason = report.reason() == null ? null : report.reason().substring(0,
                Math.min(2000, report.reason().length()));
        service.report(agent, id(ctx, "job"), report.state(), reason);
        ctx.status(204);
    }

    void upload(Context ctx) throws java.io.IOException {
        AgentRow agent = agent(ctx);
        long size = service.receive(agent, id(ctx, "backup"), ctx.req().getInputStream());
        ctx.json(java.util.Map.of("size_bytes", size));
    }

    void download(Context ctx) throws java.io.IOException {
        agent(ctx);
        UUID backup = id(ctx, "backup");
        try (var in = service.dump(backup)) {
            ctx.status(200).contentType("application/octet-stream")
                    .header("Content-Length", String.valueOf(service.size(backup)));
            var out = ctx.res().getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }

    private AgentRow agent(Context ctx) {
        if (!CurrentUser.of(ctx).admin()) {
            throw ApiFailure.forbidden("Only admin tokens may act as runtime agents.");
        }
        UUID id = BackupService.uuid(ctx.pathParam("agent")).orElse(null);
        return (id == null ? java.util.Optional.<AgentRow>empty() : service.agent(id)).orElseThrow(() ->
                ApiFailure.notFound("Unknown agent " + ctx.pathParam("agent") + ": register it first."));
    }

    private static UUID id(Context ctx, String param) {
        return BackupService.uuid(ctx.pathParam(param)).orElseThrow(() -> ApiFailure.notFound("No "
                + param + " " + ctx.pathParam(param) + "."));
    }
}
