package dev.paas.builder.git;

import dev.paas.builder.build.Builder;
import io.javalin.http.Context;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git's smart HTTP protocol, push side only ({@code git-receive-pack}), on JGit's {@link ReceivePack}: the ref
 * advertisement at {@code GET /APP.git/info/refs} and the push at {@code POST /APP.git/git-receive-pack}.
 */
public final class GitHttp {
    private static final Logger LOG = LoggerFactory.getLogger(GitHttp.class);
    private static final String SERVICE = "git-receive-pack";
    private final PushAccess access;
    private final AppRepositories repositories;
    private final Builder builder;
    private final long maxPushBytes;
    private final java.util.concurrent.ScheduledExecutorService timer;
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean draining;

    public GitHttp(PushAccess access, AppRepositories repositories, Builder builder, long maxPushBytes,
                   java.util.concurrent.ScheduledExecutorService timer) {
        this.timer = timer;
        this.access = access;
        this.repositories = repositories;
        this.builder = builder;
        this.maxPushBytes = maxPushBytes;
    }

    public void advertise(Context ctx) throws IOException {
        String app = appName(ctx);
        if (!SERVICE.equals(ctx.queryParam("service"))) {
            ctx.status(403).contentType("text/plain").result("Only git push is served here (" + SERVICE + ").\n");
            return;
        }
        PushAccess.Decision decision = access.check(ctx.header("Authorization"), app);
        if (decision instanceof PushAccess.Unauthenticated u) {
            challenge(ctx, u.reason());
            return;
        }
        ctx.res().setContentType("application/x-" + SERVICE + "-advertisement");
        ctx.res().setHeader("Cache-Control", "no-cache");
        OutputStream out = ctx.res().getOutputStream();
        var pck = new PacketLineOut(out);
        pck.writeString("# service=" + SERVICE + "\n");
        pck.end();
        if (draining) {
            decision = new PushAccess.Denied("The builder is restarting; push again in a minute.");
        }
        if (decision instanceof PushAccess.Denied d) {
            // git prints an ERR line as "remote error: ...", a clearer answer than an HTTP status
            pck.writeString("ERR " + d.reason());
            out.flush();
            return;
        }
        var allowed = (PushAccess.Allowed) decision;
        try (var repo = repositories.open(allowed.app().id())) {
            var rp = new ReceivePack(repo);
            rp.setBiDirectionalPipe(false);
            rp.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(pck));
        }
        out.flush();
    }

    public void receive(Context ctx) throws IOException {
        String app = appName(ctx);
        PushAccess.Decision decision = access.check(ctx.header("Authorization"), app);
        if (decision instanceof PushAccess.Unauthenticated u) {
            challenge(ctx, u.reason());
            return;
        }
        if (decision instanceof PushAccess.Denied d) {
            ctx.status(403).contentType("text/plain").result(d.reason() + "\n");
            return;
        }
        if (draining) {
            ctx.status(503).contentType("text/plain").result("The builder is restarting; push again in a minute.\n");
            return;
        }
        var allowed = (PushAccess.Allowed) decision;
        active.incrementAndGet();
        try {
            receive(ctx, allowed);
        } finally {
            synchronized (active) {
                active.decrementAndGet();
                active.notifyAll();
            }
        }
    }

    /**
     * Stops taking pushes and waits, up to {@code limit}, for pushes in flight (and their builds) to end. Returns
     * true when none is left.
     */
    public boolean drain(Duration limit) throws InterruptedException {
        draining = true;
        Instant deadline = Instant.now().plus(limit);
        synchronized (active) {
            while (active.get() > 0) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    return false;
                }
                active.wait(left);
            }
        }
        return true;
    }

    private void receive(Context ctx, PushAccess.Allowed allowed) throws IOException {
        String app = allowed.app().name();
        InputStream in = new BufferedInputStream(ctx.req().getInputStream());
        if ("gzip".equalsIgnoreCase(ctx.header("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        ctx.res().setContentType("application/x-" + SERVICE + "-result");
        ctx.res().setHeader("Cache-Control", "no-cache");
        var out = new PushChannel(ctx.res().getOutputStream());
        try (var repo = repositories.open(allowed.app().id())) {
            var rp = new ReceivePack(repo);
            rp.setBiDirectionalPipe(false);
            rp.setMaxPackSizeLimit(maxPushBytes);
            // The git client itself refuses a non-fast-forward push unless it is forced; forced ones deploy.
            rp.setAllowNonFastForwards(true);
            rp.setAllowDeletes(false);
            rp.setRefLogIdent(new PersonIdent(allowed.app().name(), "builder@paas.local"));
            rp.setPreReceiveHook(new DeployHook(builder, allowed, repositories, out, timer));
            rp.receive(in, out, null);
        } catch (IOException e) {
            LOG.info("at=info msg=\"push ended early\" app={} reason=\"{}\"", app, e.getMessage());
        }
        try {
            out.flush();
            // Completes the response (the last chunk) before this push counts as done: a builder that stops
            // as soon as its pushes in flight are done must not cut the end of the last one's answer.
            ctx.res().getOutputStream().close();
        } catch (IOException gone) {
            // the pusher hung up; its build was canceled
        }
    }

    private static void challenge(Context ctx, String reason) {
        ctx.status(401).header("WWW-Authenticate", "Basic realm=\"paas\"").contentType("text/plain")
                .result(reason + "\n");
    }

    private static String appName(Context ctx) {
        return ctx.pathParam("repo").replaceFirst("\\.git$", "");
    }
}
