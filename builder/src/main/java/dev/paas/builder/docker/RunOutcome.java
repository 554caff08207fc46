package dev.paas.builder.docker;

/** How a throwaway container ended: its exit code, or killed at the deadline, or killed for memory. */
public record RunOutcome(Integer exitCode, boolean timedOut, boolean outOfMemory) {
    public boolean succeeded() {
        return !timedOut && !outOfMemory && exitCode != null && exitCode == 0;
    }
}
