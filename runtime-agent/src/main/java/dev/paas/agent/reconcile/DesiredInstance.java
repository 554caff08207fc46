package dev.paas.agent.reconcile;

import java.util.List;
import java.util.Map;

/**
 * What should run in a slot: a release's image and command with its config.
 *
 * @param oneOff a one-off process ({@code run.N}): started once, never restarted, its ended
 *               container kept until the control plane has seen its exit and drops it
 * @param generation bumped by each restart of the slot: an older generation's container is replaced
 * @param checks     its release's health checks for its process type; none keeps the port's word
 */
public record DesiredInstance(InstanceKey key, int release, String image, List<String> command,
                             Map<String, String> env, String size, boolean oneOff, int generation,
                             List<HealthCheck> checks) {

    public DesiredInstance {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public DesiredInstance(InstanceKey key, int release, String image, List<String> command, Map<String, String> env,
                           String size, boolean oneOff, int generation) {
        this(key, release, image, command, env, size, oneOff, generation, List.of());
    }

    public DesiredInstance(InstanceKey key, int release, String image, List<String> command, Map<String, String> env,
                           String size) {
        this(key, release, image, command, env, size, false, 0);
    }

    public DesiredInstance(InstanceKey key, int release, String image, List<String> command, Map<String, String> env,
                           String size, boolean oneOff) {
        this(key, release, image, command, env, size, oneOff, 0);
    }
}
