package dev.paas.agent.stats;

import dev.paas.agent.container.ContainerStats;
import java.util.List;
import java.util.Locale;

/**
 * The two lines of Heroku's log-runtime-metrics for one process, with its field names and units
 * (MB of 2^20 bytes with two decimals, pages, loads with two decimals), so that tools that read
 * Heroku's lines read these:
 * <pre>
 * source=web.1 dyno=heroku.APP.CONTAINER sample#memory_total=45.20MB sample#memory_rss=40.10MB ...
 * source=web.1 dyno=heroku.APP.CONTAINER sample#load_avg_1m=0.12 sample#load_avg_5m=0.05 sample#load_avg_15m=0.01
 * </pre>
 */
public final class RuntimeMetricsLines {
    private static final double MB = 1024.0 * 1024.0;

    private RuntimeMetricsLines() {
    }

    /**
     * {@code dyno} is the process's name ({@code web.1}); the {@code dyno=} field names this run of it,
     * as Heroku's does: the app's id and the container's short id.
     */
    public static List<String> of(String dyno, String appId, String containerId, ContainerStats stats,
                                  LoadAverage load) {
        String prefix = "source=" + dyno + " dyno=heroku." + appId + "." + shortId(containerId);
        // Heroku's memory_total is resident, cache and swap together.
        String memory = prefix
                + " sample#memory_total=" + mb(stats.rss() + stats.cache() + stats.swap())
                + " sample#memory_rss=" + mb(stats.rss())
                + " sample#memory_cache=" + mb(stats.cache())
                + " sample#memory_swap=" + mb(stats.swap())
                + " sample#memory_pgpgin=" + stats.pgpgin() + "pages"
                + " sample#memory_pgpgout=" + stats.pgpgout() + "pages"
                + " sample#memory_quota=" + mb(stats.memoryLimit());
        String loads = prefix
                + " sample#load_avg_1m=" + two(load.oneMinute())
                + " sample#load_avg_5m=" + two(load.fiveMinutes())
                + " sample#load_avg_15m=" + two(load.fifteenMinutes());
        return List.of(memory, loads);
    }

    static String mb(long bytes) {
        return two(Math.max(0, bytes) / MB) + "MB";
    }

    private static String two(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** The engine's short form: the id's first 12 characters. */
    static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
