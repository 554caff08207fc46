package dev.paas.builder.git;

import dev.paas.builder.build.BuildFailure;
import dev.paas.builder.build.BuildLog;
import dev.paas.builder.build.Builder;
import dev.paas.builder.build.Push;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
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
    private final Builder builder;
    private final Wire.App app;
    private final PlatformClient client;
    private final AppRepositories repositories;

    DeployHook(Builder builder, Wire.App app, PlatformClient client, AppRepositories repositories) {
        this.builder = builder;
        this.app = app;
        this.client = client;
        this.repositories = repositories;
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
        var lock = repositories.lock(app.id());
        var log = new BuildLog(line -> send(rp, line));
        if (!lock.tryLock()) {
            log.step("Another push to " + app.name() + " is building; waiting for it");
            lock.lock();
        }
        try {
            ObjectId current = currentId(rp, deploy.getRefName());
            if (!current.equals(deploy.getOldId())) {
                reject(rp, deploy, "the app was pushed to meanwhile; fetch and push again");
                return;
            }
            builder.build(new Push(app, client, rp.getRepository(), deploy.getNewId()), log);
        } catch (BuildFailure failed) {
            deploy.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "build failed");
        } catch (RuntimeException unexpected) {
            LOG.warn("at=warn msg=\"push failed unexpectedly\" app={}", app.name(), unexpected);
            reject(rp, deploy, "internal builder error; push again");
        } finally {
            lock.unlock();
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

    private static void reject(ReceivePack rp, ReceiveCommand cmd, String reason) {
        cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason);
        send(rp, " !     " + cmd.getRefName().replaceFirst("^refs/heads/", "") + ": " + reason);
    }

    /** Sideband messages are buffered by JGit; flushing each line is what makes the build output live. */
    private static void send(ReceivePack rp, String line) {
        try {
            var out = rp.getMessageOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException pusherGone) {
            // the build goes on and is recorded even if the pusher hung up
        }
    }
}
