package dev.paas.agent.container;

/**
 * One reading of a running container's resources, as the engine measures them (bytes, pages,
 * nanoseconds); a figure the engine does not give is 0. The {@code pre*} CPU figures are the
 * engine's reading of about a second before, so that one reading gives a CPU rate.
 */
public record ContainerStats(long memoryUsage, long inactiveFile, long rss, long cache, long swap, long pgpgin,
                             long pgpgout, long memoryLimit, long cpuTotal, long preCpuTotal, long systemCpu,
                             long preSystemCpu, int onlineCpus) {

    /** Memory in use without the page cache the kernel may reclaim at once: what {@code docker stats} shows. */
    public long memoryBytes() {
        return Math.max(0, memoryUsage - inactiveFile);
    }

    /** CPU used between the two readings, in percent of one core (a process busy on two cores: 200). */
    public double cpuPercent() {
        long cpu = cpuTotal - preCpuTotal;
        long system = systemCpu - preSystemCpu;
        if (cpu <= 0 || system <= 0 || onlineCpus <= 0) {
            return 0;
        }
        return (double) cpu / system * onlineCpus * 100;
    }
}
