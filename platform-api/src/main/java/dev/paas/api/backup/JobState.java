package dev.paas.api.backup;

/** The states of captures and restores alike (the tables' check constraints hold the same words). */
final class JobState {
    static final String PENDING = "pending";
    static final String RUNNING = "running";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";
    /** A job claimed this often without finishing (its agent restarted each time) fails rather than loops. */
    static final int MAX_ATTEMPTS = 3;

    private JobState() {
    }
}
