package dev.paas.agent.converge;

import dev.paas.agent.reconcile.InstanceKey;
import java.time.Instant;

/** Where the converger sends processes' output and the platform's lines about them. */
public interface ProcessLog {
    ProcessLog NONE = new ProcessLog() {
        @Override
        public void app(InstanceKey key, Instant time, String line) {
        }

        @Override
        public void platform(InstanceKey key, String line) {
        }
    };

    /** A line the process wrote (source {@code app}). */
    void app(InstanceKey key, Instant time, String line);

    /** A line of the platform about the process (source {@code heroku}), such as a state change. */
    void platform(InstanceKey key, String line);
}
