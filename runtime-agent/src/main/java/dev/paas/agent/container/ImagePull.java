package dev.paas.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.paas.common.registry.Registry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Brings a release's image, named by digest in the platform's registry, into this host's engine before a process
 * of it starts. A pull that fails (unknown digest, credentials refused, registry down) or outlasts its timeout is a
 * {@link ContainerFailure} of kind {@link ContainerFailure.Kind#IMAGE_PULL_FAILED}: the slot's crash, with the
 * registry's reason, retried with the crash backoff like any start that failed.
 */
final class ImagePull {
    private final DockerClient docker;
    private final Registry registry;
    private final Duration timeout;
    private static final Duration WAIT_SLICE = Duration.ofSeconds(2);
    private final java.util.concurrent.atomic.AtomicReference<Runnable> whileWaiting =
            new java.util.concurrent.atomic.AtomicReference<>(() -> { });

    /** {@code registry} null: images are local only, and nothing is ever pulled. */
    ImagePull(DockerClient docker, Registry registry, Duration timeout) {
        this.docker = docker;
        this.registry = registry;
        this.timeout = timeout;
    }

    /** {@code task} runs every couple of seconds while a pull goes on (the agent's heartbeat). */
    void whileWaiting(Runnable task) {
        whileWaiting.set(task);
    }

    /** Pulls {@code image} when it is a digest in our registry that the engine lacks; otherwise does nothing. */
    void ensure(String image) {
        if (registry == null || !registry.holds(image) || !image.contains("@sha256:") || present(image)) {
            return;
        }
        int at = image.indexOf('@');
        var auth = new AuthConfig().withRegistryAddress(registry.address());
        if (registry.authenticated()) {
            auth.withUsername(registry.username()).withPassword(registry.password());
        }
        var pull = new ResultCallback.Adapter<PullResponseItem>() {
            @Override
            public void onNext(PullResponseItem item) {
                if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                    throw new DockerClientException(item.getErrorDetail().getMessage());
                }
                if (item.getError() != null) {
                    throw new DockerClientException(item.getError());
                }
            }
        };
        long started = System.nanoTime();
        try (pull) {
            // as the docker CLI asks: the repository, and the digest as the "tag"
            docker.pullImageCmd(image.substring(0, at)).withTag(image.substring(at + 1)).withAuthConfig(auth)
                    .exec(pull);
            // The agent's loop is waiting here: it still heartbeats, so the control plane does not take a host
            // pulling a large image for a lost one.
            long deadline = started + timeout.toNanos();
            while (!pull.awaitCompletion(Math.min(WAIT_SLICE.toNanos(), Math.max(0, deadline - System.nanoTime())),
                    TimeUnit.NANOSECONDS)) {
                if (System.nanoTime() - deadline >= 0) {
                    throw failed(image, "no answer within " + timeout.toSeconds() + " s", null);
                }
                whileWaiting.get().run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(image, "interrupted", e);
        } catch (ContainerFailure already) {
            throw already;
        } catch (IOException | RuntimeException e) {
            throw failed(image, message(e), e);
        }
        if (!present(image)) {
            throw failed(image, "the engine does not have it after pulling", null);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        org.slf4j.LoggerFactory.getLogger(ImagePull.class).info("at=info msg=\"pulled image\" image={} ms={}", image,
                millis);
    }

    private boolean present(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e, null);
        }
    }

    private ContainerFailure failed(String image, String why, Throwable cause) {
        return new ContainerFailure(ContainerFailure.Kind.IMAGE_PULL_FAILED,
                "image pull failed: " + image + " from " + registry.address() + ": " + why, cause);
    }

    /** The registry's words as the engine passed them on, without docker-java's wrapping. */
    private static String message(Throwable e) {
        String raw = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        var m = java.util.regex.Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(raw);
        String text = m.find() ? m.group(1) : raw;
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
