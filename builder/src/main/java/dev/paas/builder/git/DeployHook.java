package dev.paas.builder.git;

import dev.paas.builder.build.BuildFailure;
import dev.paas.builder.build.ReleaseFailure;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.Builder;
import dev.paas.builder.build.Cancellation;
import dev.paas.builder.build.Push;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before refs move: refuses refs other than main and master, builds the pushed commit while streaming the
 * output to the pusher, and refuses the ref update when the build fails, so a failed push changes nothing.
 */
final class DeployHook implements PreReceiveHook {
    private static final Logger LOG = LoggerFactory.getLogger(DeployHook.class);
    static final String PUSHER_GONE = "The push's client disconnected: build canceled, nothing was released.";
    private final Builder builder;
    private final PushAccess.Allowed pusher;
    private final AppRepositories repositories;
    private final PushChannel channel;
    private final ScheduledExecutorService timer;
    private final Cancellation cancel = new Cancellation();

    DeployHook(Builder builder, PushAccess.Allowed pusher, AppRepositories repositories, PushChannel channel,
               ScheduledExecutorService timer) {
        this.builder = builder;
        this.pusher = pusher;
        this.repositories = repositories;
        this.channel = channel;
        this.timer = timer;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        ReceiveCommand deploy = null;
        for (ReceiveCommand cmd : commands) {
            if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                continue;
            }
            String ref = cmd.getRefName();
            if (!ref.equals("refs/heads/main") && !ref.equals("refs/heads/master")) {
                reject(rp, cmd, "only main or master deploy; push with `git push paas HEAD:main`");
            } else if (cmd.getType() == ReceiveCommand.Type.DELETE) {
                reject(rp, cmd, "the deploy branch cannot be deleted");
            } else if (deploy != null) {
                reject(rp, cmd, "push main or master, not both at once");
            } else {
                deploy = cmd;
            }
        }
        if (deploy == null) {
            return;
        }
        var app = pusher.app();
        var lock = repositories.lock(app.id());
        var log = new BuildLog(line -> send(rp, line));
        ScheduledFuture<?> keepAlive = isSideBand(rp) ? timer.scheduleWithFixedDelay(this::keepAlive,
                KEEP_ALIVE_EVERY.toMillis(), KEEP_ALIVE_EVERY.toMillis(), TimeUnit.MILLISECONDS) : null;
        boolean locked = false;
        try {
            locked = lock.tryLock();
            if (!locked) {
                log.step("Another push to " + app.name() + " is building; waiting for it");
                while (!locked && !cancel.canceled()) {
                    locked = lock.tryLock(1, TimeUnit.SECONDS);
                }
                cancel.check();
            }
            ObjectId current = currentId(rp, deploy.getRefName());
            if (!current.equals(deploy.getOldId())) {
                reject(rp, deploy, "the app was pushed to meanwhile; fetch and push again");
                return;
            }
            builder.build(new Push(app, pusher.account(), pusher.client(), rp.getRepository(), deploy.getNewId(),
                    cancel), log);
        } catch (BuildFailure failed) {
            deploy.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                    failed instanceof ReleaseFailure ? "release failed" : "build failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reject(rp, deploy, "the builder is stopping; push again");
        } catch (RuntimeException unexpected) {
            LOG.warn("at=warn msg=\"push failed unexpectedly\" app={}", app.name(), unexpected);
            reject(rp, deploy, "internal builder error; push again");
        } finally {
            if (keepAlive != null) {
                keepAlive.cancel(false);
            }
            if (locked) {
                lock.unlock();
            }
        }
    }

    private static final Duration KEEP_ALIVE_EVERY = Duration.ofSeconds(1);

    private void keepAlive() {
        try {
            channel.keepAlive();
        } catch (IOException gone) {
            pusherGone();
        }
    }

    private void pusherGone() {
        if (!cancel.canceled()) {
            LOG.info("at=info msg=\"pusher disconnected; canceling the build\" app={}", pusher.app().name());
        }
        cancel.cancel(PUSHER_GONE);
    }

    private static boolean isSideBand(ReceivePack rp) {
        try {
            return rp.isSideBand();
        } catch (org.eclipse.jgit.transport.RequestNotYetReadException e) {
            return false;
        }
    }

    private static ObjectId currentId(ReceivePack rp, String ref) {
        try {
            var current = rp.getRepository().exactRef(ref);
            return current == null || current.getObjectId() == null ? ObjectId.zeroId() : current.getObjectId();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void reject(ReceivePack rp, ReceiveCommand cmd, String reason) {
        cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason);
        send(rp, " !     " + cmd.getRefName().replaceFirst("^refs/heads/", "") + ": " + reason);
    }

    /** Sideband messages are buffered by JGit; flushing each line is what makes the build output live. */
    private void send(ReceivePack rp, String line) {
        try {
            var out = rp.getMessageOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException gone) {
            pusherGone();
        }
    }
}
