package dev.paas.agent.converge;

import dev.paas.agent.reconcile.InstanceKey;
import java.util.Map;
import java.util.Optional;

/**
 * How the agent finds its containers again after a restart: everything it needs is in labels,
 * so the engine, not the agent's memory, is the record of what runs.
 */
final class Labels {
    static final String AGENT = dev.paas.common.docker.AgentLabel.NAME;
    static final String APP = "paas.app";
    static final String TYPE = "paas.type";
    static final String INDEX = "paas.index";
    static final String RELEASE = "paas.release";
    static final String GENERATION = "paas.generation";
    static final String SIZE = "paas.size";

    private Labels() {
    }

    static Map<String, String> of(String agent, InstanceKey key, int release, int generation, String size) {
        return Map.of(AGENT, agent, APP, key.app(), TYPE, key.type(), INDEX, String.valueOf(key.index()),
                RELEASE, String.valueOf(release), GENERATION, String.valueOf(generation), SIZE, size);
    }

    /** An app's network on this agent, labelled so the agent finds it again, and only its own. */
    static Map<String, String> network(String agent, String app) {
        return Map.of(AGENT, agent, APP, app);
    }

    static int generation(Map<String, String> labels) {
        try {
            return Integer.parseInt(labels.getOrDefault(GENERATION, "0"));
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }

    static Optional<InstanceKey> key(Map<String, String> labels) {
        try {
            return Optional.of(new InstanceKey(labels.get(APP), labels.get(TYPE), Integer.parseInt(labels.get(INDEX))));
        } catch (RuntimeException missingOrMalformed) {
            return Optional.empty();
        }
    }

    static int release(Map<String, String> labels) {
        try {
            return Integer.parseInt(labels.getOrDefault(RELEASE, "0"));
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }
}
