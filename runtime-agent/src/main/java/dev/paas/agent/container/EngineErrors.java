package dev.paas.agent.container;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;

/** Docker's exceptions in the app owner's words: what failed, and for image and port, which one. */
final class EngineErrors {
    private EngineErrors() {
    }

    /** {@code spec} is the container being started, when there is one. */
    static ContainerFailure translate(RuntimeException e, ContainerSpec spec) {
        String message = message(e);
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (unreachable(e) || lower.contains("is restarting") || lower.contains("is shutting down")
                || (e instanceof DockerException d && d.getHttpStatus() == 503)) {
            return new ContainerFailure(ContainerFailure.Kind.ENGINE_UNAVAILABLE,
                    "container engine unavailable (" + message + ")", e);
        }
        if (spec != null && e instanceof NotFoundException && lower.contains("no such image")) {
            return new ContainerFailure(ContainerFailure.Kind.IMAGE_NOT_FOUND,
                    "image " + spec.image() + " not found", e);
        }
        if (spec != null && (lower.contains("address already in use") || lower.contains("port is already allocated"))) {
            return new ContainerFailure(ContainerFailure.Kind.PORT_TAKEN,
                    "host port taken on " + spec.hostIp() + " (" + message + ")", e);
        }
        if (spec != null && lower.contains("cannot assign requested address")) {
            return new ContainerFailure(ContainerFailure.Kind.PORT_TAKEN,
                    "cannot publish its port on " + spec.hostIp() + ", not an address of this host (" + message + ")",
                    e);
        }
        return new ContainerFailure(ContainerFailure.Kind.REFUSED, "container engine refused: " + message, e);
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The engine's own message: docker-java wraps it as {@code Status 404: {"message":"..."}}. */
    private static String message(RuntimeException e) {
        String raw = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        var m = java.util.regex.Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(raw);
        String text = m.find() ? m.group(1) : raw;
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
