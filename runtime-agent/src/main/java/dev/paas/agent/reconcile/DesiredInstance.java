package dev.paas.agent.reconcile;

import java.util.List;
import java.util.Map;

/** What should run in a slot: a release's image and command with its config. */
public record DesiredInstance(InstanceKey key, int release, String image, List<String> command,
                             Map<String, String> env, String size) {
}
