package dev.paas.agent.container;

/**
 * The engine refused or failed an operation, in words fit for the app's owner: {@link #reason()}
 * goes to the app's log and {@code paas ps}. {@link Kind#ENGINE_UNAVAILABLE} is the host's trouble,
 * not the process's: everything else on the host is failing at the same time.
 */
public final class ContainerFailure extends RuntimeException {
    public enum Kind { IMAGE_NOT_FOUND, IMAGE_PULL_FAILED, PORT_TAKEN, ENGINE_UNAVAILABLE, REFUSED }

    private final Kind kind;
    private final String reason;

    public ContainerFailure(Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }
}
