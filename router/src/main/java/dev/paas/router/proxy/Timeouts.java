package dev.paas.router.proxy;

/**
 * When an exchange times out, from the moments it keeps; pure, so that the rules read as a table.
 * The response timeout runs from the whole request reaching the backend until its answer begins;
 * the idle timeout from the last byte either way, all the while.
 */
record Timeouts(long responseNanos, long idleNanos) {

    enum Verdict {
        /** Nothing is due. */
        NONE,
        /** The backend has had the whole request too long without answering (H12). */
        NO_ANSWER,
        /** No byte either way for too long (H15). */
        IDLE
    }

    /** The next moment a timeout may strike. */
    long deadline(boolean awaitingAnswer, long lastActivityNanos, long requestSentNanos) {
        long idle = lastActivityNanos + idleNanos;
        return awaitingAnswer ? Math.min(idle, requestSentNanos + responseNanos) : idle;
    }

    /** What is due at {@code now}; a missing answer is named before idleness, as it is the more telling. */
    Verdict check(boolean awaitingAnswer, long lastActivityNanos, long requestSentNanos, long now) {
        if (awaitingAnswer && now - requestSentNanos >= responseNanos) {
            return Verdict.NO_ANSWER;
        }
        return now - lastActivityNanos >= idleNanos ? Verdict.IDLE : Verdict.NONE;
    }
}
