package dev.paas.builder.build;

/** A build that cannot go on, with the reason the pusher reads in the push output. */
public class BuildFailure extends RuntimeException {
    public BuildFailure(String reason) {
        super(reason);
    }

    public BuildFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
