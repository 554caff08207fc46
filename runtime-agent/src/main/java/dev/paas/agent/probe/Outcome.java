package dev.paas.agent.probe;

/** One run of one check: passed, or failed with what went wrong ({@code returned 500}, {@code timed out after 5 s}). */
public record Outcome(boolean passed, String detail) {
    static final Outcome PASSED = new Outcome(true, null);

    static Outcome failed(String detail) {
        return new Outcome(false, detail);
    }
}
