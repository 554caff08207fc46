package dev.paas.agent.addon;

import dev.paas.client.Wire;
import java.util.UUID;

/** What a pass does to bring add-on containers to what the control plane asks. */
public sealed interface AddonAction {
    /** A volume (kept if it exists: the data), its own network, and the container on them, started. */
    record Create(Wire.AgentAddon addon) implements AddonAction {
    }

    /** A stopped container is started again (its data is in its volume). */
    record Start(UUID addonId, String containerId) implements AddonAction {
    }

    /** Joins an attached app's network under the add-on's name, the host of its URL there. */
    record Connect(UUID addonId, String containerId, UUID appId, String network, String alias) implements AddonAction {
    }

    /** Leaves the network of an app it is no longer attached to: that app cannot reach it any more. */
    record Disconnect(UUID addonId, String containerId, String network) implements AddonAction {
    }

    /** The control plane no longer lists it (destroyed, or its app was): container, network and data go. */
    record Destroy(UUID addonId, String containerId) implements AddonAction {
    }
}
