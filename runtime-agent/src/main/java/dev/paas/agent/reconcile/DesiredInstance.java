package dev.paas.agent.reconcile;

import java.util.List;
import java.util.Map;

/**
 * What should run in a slot: a release's image and command with its config.
 *
 * @param oneOff a one-off process ({@code run.N}): started once, never restarted, its ended
 *               container kept until the control plane has seen its exit and drops it
 * @param generation bumped by each restart of the slot: an older generation's container is replaced
 */
public record DesiredInstance(InstanceKey key, int release, String image, List<String> command,
                             Map<String, String> env, String size, boolean oneOff, int generation) {

    public DesiredInstance(InstanceKey key, int release, String image, List<String> command, Map<String, String> env,
                           String size) {
        this(key, release, image, command, env, size, false, 0);
    }

    public DesiredInstance(InstanceKey key, int release, String image, List<String> command, Map<String, String> env,
                           String size, boolean oneOff) {
        this(key, release, image, command, env, size, oneOff, 0);
    }
}
