package dev.paas.agent.addon;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An add-on's container: image, user, command and environment of its server, where its volume is
 * mounted, its memory, and the command of its own health check (run by the engine, so its verdict
 * outlives the agent).
 */
public record AddonSpec(UUID addonId, String name, String image, String user, List<String> command,
                        Map<String, String> env, String dataPath, int memoryMb, List<String> healthCheck,
                        Map<String, String> labels, String network) {
}
