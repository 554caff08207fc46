package dev.paas.allinone.log;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Which component a log line belongs to. Our own classes say it by their package; a library's
 * logger (Jetty, Hikari, docker-java) is shared by components, so its lines take the tag of the
 * thread that logs, which threads inherit from the one that made them: every thread a component
 * starts descends from the thread that ran its start, tagged for the while.
 */
public final class ComponentTag {
    /** Nothing claims the line: the all-in-one process itself, or a thread no component made. */
    public static final String PLATFORM = "platform";
    private static final Map<String, String> PACKAGES = Map.of(
            "dev.paas.api.", "api",
            "dev.paas.agent.", "agent",
            "dev.paas.builder.", "builder",
            "dev.paas.router.", "router");
    private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();

    private ComponentTag() {
    }

    /** Runs {@code work} with this thread (and every thread made meanwhile) tagged {@code component}. */
    public static <T> T within(String component, Callable<T> work) throws Exception {
        String before = CURRENT.get();
        CURRENT.set(component);
        try {
            return work.call();
        } finally {
            CURRENT.set(before);
        }
    }

    /** The tag of a line logged by {@code loggerName} on the current thread. */
    static String of(String loggerName) {
        for (var entry : PACKAGES.entrySet()) {
            if (loggerName.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        String inherited = CURRENT.get();
        return inherited == null ? PLATFORM : inherited;
    }
}
