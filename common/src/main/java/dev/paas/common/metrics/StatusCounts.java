package dev.paas.common.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Responses by status class (1xx to 5xx): what every HTTP component counts at least. */
public final class StatusCounts {
    private final LongAdder[] classes = new LongAdder[6];

    public StatusCounts() {
        for (int i = 0; i < classes.length; i++) {
            classes[i] = new LongAdder();
        }
    }

    public void count(int status) {
        classes[status >= 100 && status < 600 ? status / 100 : 0].increment();
    }

    /** {@code 2xx} for 200 to 299; {@code other} for anything outside 100 to 599. */
    public static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }

    /** Writes {@code name{..labels, status="2xx"}} for each class seen (all five, so rates start at zero). */
    public void write(PrometheusText out, String name, String help, String... labels) {
        out.type(name, "counter", help);
        for (int c = 1; c < classes.length; c++) {
            out.sample(name, classes[c].sum(), with(labels, c + "xx"));
        }
        if (classes[0].sum() > 0) {
            out.sample(name, classes[0].sum(), with(labels, "other"));
        }
    }

    private static String[] with(String[] labels, String statusClass) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = "status";
        all[labels.length + 1] = statusClass;
        return all;
    }
}
