package dev.paas.agent.addon;

import dev.paas.client.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Pure: the actions that bring the add-on containers found to the desired ones. */
final class AddonDiff {
    private AddonDiff() {
    }

    /**
     * @param network       an app's network on this agent, by app id
     * @param ownNetwork    an add-on's own network (it starts on it; no app is on it)
     * @param orphanVolumes add-ons whose volume is left without a container
     */
    static List<AddonAction> diff(List<Wire.AgentAddon> desired, List<AddonContainer> actual,
                                  Set<UUID> orphanVolumes, Function<UUID, String> network,
                                  Function<UUID, String> ownNetwork) {
        var actions = new ArrayList<AddonAction>();
        Map<UUID, Wire.AgentAddon> wanted = desired.stream()
                .collect(Collectors.toMap(Wire.AgentAddon::id, a -> a, (a, b) -> a));
        Map<UUID, AddonContainer> found = actual.stream()
                .collect(Collectors.toMap(AddonContainer::addonId, c -> c, (a, b) -> a));
        for (AddonContainer c : actual) {
            if (!wanted.containsKey(c.addonId())) {
                actions.add(new AddonAction.Destroy(c.addonId(), c.containerId()));
            }
        }
        orphanVolumes.stream().filter(id -> !wanted.containsKey(id) && !found.containsKey(id)).sorted()
                .forEach(id -> actions.add(new AddonAction.Destroy(id, null)));
        for (Wire.AgentAddon a : desired) {
            AddonContainer c = found.get(a.id());
            if (c == null) {
                actions.add(new AddonAction.Create(a));
                continue;
            }
            if (!c.running()) {
                actions.add(new AddonAction.Start(a.id(), c.containerId()));
            }
            Set<String> should = a.appIds().stream().map(network).collect(Collectors.toSet());
            a.appIds().stream().distinct().sorted().filter(app -> !c.networks().contains(network.apply(app)))
                    .forEach(app -> actions.add(new AddonAction.Connect(a.id(), c.containerId(), app,
                            network.apply(app), a.name())));
            c.networks().stream().sorted()
                    .filter(n -> !should.contains(n) && !n.equals(ownNetwork.apply(a.id())))
                    .forEach(n -> actions.add(new AddonAction.Disconnect(a.id(), c.containerId(), n)));
        }
        return actions;
    }

    /** How the add-on is, for the control plane: ready once its own health check passes. */
    static Wire.AddonReport report(Wire.AgentAddon addon, AddonContainer c, String failedStart) {
        if (c == null) {
            return new Wire.AddonReport(addon.id(), failedStart == null ? "starting" : "failed", failedStart);
        }
        if (c.running() && "healthy".equals(c.health())) {
            return new Wire.AddonReport(addon.id(), "ready", null);
        }
        if (c.running() && "unhealthy".equals(c.health())) {
            return new Wire.AddonReport(addon.id(), "failed", "its health check failed"
                    + (c.healthOutput() == null || c.healthOutput().isBlank() ? "" : ": " + c.healthOutput().strip()));
        }
        if (!c.running() && c.exitCode() != null && c.exitCode() != 0) {
            return new Wire.AddonReport(addon.id(), "failed", "its server exited with status " + c.exitCode());
        }
        return new Wire.AddonReport(addon.id(), "starting", null);
    }
}
