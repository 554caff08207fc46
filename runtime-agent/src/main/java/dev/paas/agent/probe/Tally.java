package dev.paas.agent.probe;

/**
 * One check's record so far: whether it passed once, its failures in a row (a pass resets them) and
 * what the last failure was.
 */
record Tally(boolean passedOnce, int failuresInRow, String lastFailure) {
    static final Tally NONE = new Tally(false, 0, null);

    Tally with(Outcome outcome) {
        return outcome.passed() ? new Tally(true, 0, null) : new Tally(passedOnce, failuresInRow + 1, outcome.detail());
    }
}
