package dev.paas.agent.addon;

import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over this agent's add-ons: read the ones the control plane pins here, bring their
 * containers, volumes and network memberships to that, and report how each is. Runs before the
 * process pass, in the same thread: an attached app's network is made here if it has no process yet,
 * and the process pass keeps the networks of {@link #attachedApps()}.
 * An add-on the control plane stops listing is destroyed with its volume: only a successful list
 * is acted on, never a failed one.
 */
public final class AddonSync {
    /** For agents built without add-ons (tests of other parts). */
    public static final AddonSync NONE = new AddonSync(null, null, null, null, null, null);
    private static final Logger LOG = LoggerFactory.getLogger(AddonSync.class);
    private final PlatformClient client;
    private final AddonRuntime runtime;
    private final AddonSpecs specs;
    private final Function<String, String> appNetwork;
    private final Function<String, Map<String, String>> appNetworkLabels;
    private final Map<UUID, String> failedStarts = new HashMap<>();
    private Map<UUID, Wire.AddonReport> reported = Map.of();
    private volatile java.util.Set<String> attachedApps = java.util.Set.of();

    /**
     * @param appNetwork       an app's network on this agent, by app id (the one its processes are on)
     * @param appNetworkLabels the labels the process side gives that network, so it treats it as its own
     */
    public AddonSync(PlatformClient client, AddonRuntime runtime, String agent, AddonImages images,
                     Function<String, String> appNetwork, Function<String, Map<String, String>> appNetworkLabels) {
        this.client = client;
        this.runtime = runtime;
        this.specs = agent == null ? null : new AddonSpecs(agent, images);
        this.appNetwork = appNetwork;
        this.appNetworkLabels = appNetworkLabels;
    }

    /** One pass; true while an add-on is still starting (another pass is due soon). Never throws. */
    public boolean sync(UUID agentId) {
        if (runtime == null) {
            return false;
        }
        List<Wire.AgentAddon> desired;
        try {
            desired = client.agentAddons(agentId);
        } catch (RuntimeException unreachable) {
            LOG.warn("at=warn msg=\"cannot list add-ons; keeping what runs\" error=\"{}\"", unreachable.getMessage());
            return false;
        }
        attachedApps = desired.stream().flatMap(a -> a.appIds().stream()).map(UUID::toString)
                .collect(Collectors.toUnmodifiableSet());
        try {
            var actions = AddonDiff.diff(desired, runtime.list(), runtime.volumes(),
                    app -> appNetwork.apply(app.toString()), specs::ownNetwork);
            actions.forEach(this::carryOut);
            var found = runtime.list().stream().collect(Collectors.toMap(AddonContainer::addonId, c -> c, (a, b) -> a));
            failedStarts.keySet().retainAll(desired.stream().map(Wire.AgentAddon::id).collect(Collectors.toSet()));
            var reports = desired.stream().map(a -> AddonDiff.report(a, found.get(a.id()), failedStarts.get(a.id())))
                    .collect(Collectors.toMap(Wire.AddonReport::id, r -> r));
            if (!reports.equals(reported)) {
                client.reportAddons(agentId, List.copyOf(reports.values()));
                reported = reports;
            }
            return reports.values().stream().anyMatch(r -> "starting".equals(r.state()));
        } catch (RuntimeException e) {
            LOG.warn("at=error msg=\"add-on pass failed; retrying\" error=\"{}\"", e.toString());
            return true;
        }
    }

    /** The apps (ids) whose networks the add-ons here are on, as last listed: the process side keeps them. */
    public java.util.Set<String> attachedApps() {
        return attachedApps;
    }

    private void carryOut(AddonAction action) {
        try {
            switch (action) {
                case AddonAction.Create c -> {
                    var id = runtime.create(specs.spec(c.addon()));
                    failedStarts.remove(c.addon().id());
                    LOG.info("at=info msg=\"add-on started\" addon={} container={}", c.addon().name(),
                            id.substring(0, 12));
                    // joins its apps' networks on the next pass, seeing the container as it is
                }
                case AddonAction.Start s -> runtime.start(s.containerId());
                case AddonAction.Connect c -> runtime.connect(c.containerId(), c.network(),
                        appNetworkLabels.apply(c.appId().toString()), c.alias());
                case AddonAction.Disconnect d -> runtime.disconnect(d.containerId(), d.network());
                case AddonAction.Destroy d -> {
                    runtime.destroy(d.addonId(), d.containerId(), specs.ownNetwork(d.addonId()));
                    LOG.info("at=info msg=\"add-on destroyed with its data\" addon={}", d.addonId());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("at=error msg=\"add-on action failed\" action={} error=\"{}\"", action.getClass().getSimpleName(),
                    e.getMessage());
            if (action instanceof AddonAction.Create c) {
                failedStarts.put(c.addon().id(), "its container could not start: " + e.getMessage());
            } else if (action instanceof AddonAction.Start s) {
                // e.g. a network of its gone meanwhile: the next pass makes it anew on the same volume (its data)
                try {
                    runtime.removeContainer(s.containerId());
                } catch (RuntimeException stillThere) {
                    LOG.warn("at=warn msg=\"cannot remove add-on container\" error=\"{}\"", stillThere.getMessage());
                }
            }
        }
    }
}
