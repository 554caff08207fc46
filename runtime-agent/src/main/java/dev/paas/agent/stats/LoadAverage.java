package dev.paas.agent.stats;

/**
 * A process's load averages over 1, 5 and 15 minutes, damped the way the kernel damps the host's:
 * each reading moves them towards the cores the process kept busy since the last one, by how much
 * of their window passed. The engine gives a container's CPU time, not its run queue, so runnable
 * tasks waiting for a core are not counted: a lower bound of what the kernel would report.
 */
public record LoadAverage(double oneMinute, double fiveMinutes, double fifteenMinutes) {
    public static final LoadAverage ZERO = new LoadAverage(0, 0, 0);

    /** After {@code seconds} during which the process kept {@code busyCores} cores busy on average. */
    public LoadAverage next(double busyCores, double seconds) {
        if (!(seconds > 0) || !Double.isFinite(busyCores) || busyCores < 0) {
            return this;
        }
        return new LoadAverage(damp(oneMinute, busyCores, seconds, 60), damp(fiveMinutes, busyCores, seconds, 300),
                damp(fifteenMinutes, busyCores, seconds, 900));
    }

    private static double damp(double before, double now, double seconds, double window) {
        double keep = Math.exp(-seconds / window);
        return before * keep + now * (1 - keep);
    }
}
