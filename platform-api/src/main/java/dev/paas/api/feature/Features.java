package dev.paas.api.feature;

import java.util.List;
import java.util.Optional;

/** The labs features an app can turn on: Heroku's names, so that its CLI and docs apply. */
public final class Features {
    /** Agents write each process's memory and load to the app's log every interval (Heroku's log-runtime-metrics). */
    public static final Feature LOG_RUNTIME_METRICS = new Feature("log-runtime-metrics",
            "Emit each dyno's memory use and load average to the app's log every 20 seconds, as source=heroku "
                    + "lines with sample# fields, so that log drains carry them.",
            "https://devcenter.heroku.com/articles/log-runtime-metrics");
    private static final List<Feature> ALL = List.of(LOG_RUNTIME_METRICS);

    private Features() {
    }

    /** A feature the platform offers: {@code docUrl} says where its behaviour is described. */
    public record Feature(String name, String description, String docUrl) {
    }

    public static List<Feature> all() {
        return ALL;
    }

    static Optional<Feature> named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    static String names() {
        return String.join(", ", ALL.stream().map(Feature::name).toList());
    }
}
