package dev.paas.agent.addon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.paas.common.docker.DockerClients;
import dev.paas.common.docker.Hardening;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Add-on containers on a Docker engine: hardened as app processes are (non-root, no capabilities,
 * memory and pids capped), with their data in a named volume (never a host path), restarted by the
 * engine itself ({@code unless-stopped}) so they come back with the engine even while the agent is away.
 */
public final class DockerAddons implements AddonRuntime, AutoCloseable {
    private static final int PIDS = 256;
    private static final long SECOND = 1_000_000_000L;
    private final DockerClient docker;
    private final String agent;

    public DockerAddons(String dockerHost, String agent) {
        this.docker = DockerClients.connect(dockerHost, Duration.ofSeconds(120));
        this.agent = agent;
    }

    @Override
    public List<AddonContainer> list() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(AddonSpecs.LABEL_AGENT, agent)).exec().stream()
                .flatMap(c -> {
                    try {
                        var info = docker.inspectContainerCmd(c.getId()).exec();
                        var state = info.getState();
                        var health = state.getHealth();
                        var log = health == null || health.getLog() == null || health.getLog().isEmpty() ? null
                                : health.getLog().get(health.getLog().size() - 1).getOutput();
                        var networks = info.getNetworkSettings() == null || info.getNetworkSettings().getNetworks() == null
                                ? Set.<String>of() : Set.copyOf(info.getNetworkSettings().getNetworks().keySet());
                        return java.util.stream.Stream.of(new AddonContainer(
                                UUID.fromString(info.getConfig().getLabels().get(AddonSpecs.LABEL_ADDON)), info.getId(),
                                Boolean.TRUE.equals(state.getRunning()), health == null ? null : health.getStatus(),
                                state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue(), networks,
                                log));
                    } catch (NotFoundException | IllegalArgumentException | NullPointerException goneOrNotOurs) {
                        return java.util.stream.Stream.empty();
                    }
                }).toList();
    }

    @Override
    public Set<UUID> volumes() {
        var response = docker.listVolumesCmd().withFilter("label", List.of(AddonSpecs.LABEL_AGENT + "=" + agent)).exec();
        var ids = new HashSet<UUID>();
        if (response.getVolumes() != null) {
            response.getVolumes().forEach(v -> {
                try {
                    ids.add(UUID.fromString(v.getLabels().get(AddonSpecs.LABEL_ADDON)));
                } catch (RuntimeException notOurs) {
                    // a volume labelled by hand without an add-on id: left alone
                }
            });
        }
        return ids;
    }

    @Override
    public String create(AddonSpec spec) {
        String volume = volume(spec.addonId());
        if (docker.listVolumesCmd().withFilter("name", List.of(volume)).exec().getVolumes() == null
                || docker.listVolumesCmd().withFilter("name", List.of(volume)).exec().getVolumes().stream()
                .noneMatch(v -> volume.equals(v.getName()))) {
            docker.createVolumeCmd().withName(volume).withLabels(spec.labels()).exec();
        }
        if (docker.listNetworksCmd().withNameFilter(spec.network()).exec().stream()
                .noneMatch(n -> spec.network().equals(n.getName()))) {
            docker.createNetworkCmd().withName(spec.network()).withDriver("bridge").withInternal(true)
                    .withLabels(spec.labels()).withCheckDuplicate(true).exec();
        }
        var host = HostConfig.newHostConfig()
                .withBinds(new Bind(volume, new Volume(spec.dataPath())))
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart());
        var create = docker.createContainerCmd(spec.image())
                .withName("paas-addon-" + spec.name() + "-" + spec.addonId().toString().substring(0, 8))
                .withCmd(spec.command())
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(spec.labels())
                .withHealthcheck(new HealthCheck().withTest(spec.healthCheck()).withInterval(SECOND)
                        .withTimeout(5 * SECOND).withRetries(10).withStartPeriod(120 * SECOND));
        String id = Hardening.appProcess(spec.user(), spec.memoryMb(), PIDS, spec.network(), Hardening.LOG_MAX_SIZE,
                Hardening.LOG_MAX_FILES).applyTo(create, host).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    @Override
    public void start(String containerId) {
        try {
            docker.startContainerCmd(containerId).exec();
        } catch (NotModifiedException alreadyRunning) {
            // the engine's restart policy was first
        }
    }

    @Override
    public void connect(String containerId, String network, Map<String, String> labels, String alias) {
        if (docker.listNetworksCmd().withNameFilter(network).exec().stream().noneMatch(n -> network.equals(n.getName()))) {
            try {
                docker.createNetworkCmd().withName(network).withDriver("bridge").withLabels(labels)
                        .withCheckDuplicate(true).exec();
            } catch (ConflictException createdMeanwhile) {
                // the app's first process made it
            }
        }
        docker.connectToNetworkCmd().withNetworkId(network).withContainerId(containerId)
                .withContainerNetwork(new ContainerNetwork().withAliases(alias)).exec();
    }

    @Override
    public void disconnect(String containerId, String network) {
        try {
            docker.disconnectFromNetworkCmd().withNetworkId(network).withContainerId(containerId).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // the network went with the app's last process
        }
    }

    @Override
    public void removeContainer(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(false).exec();
        } catch (NotFoundException alreadyGone) {
            // removing is idempotent
        }
    }

    @Override
    public void destroy(UUID addonId, String containerId, String ownNetwork) {
        if (containerId != null) {
            try {
                docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(false).exec();
            } catch (NotFoundException alreadyGone) {
                // removing is idempotent
            }
        }
        try {
            docker.removeNetworkCmd(ownNetwork).exec();
        } catch (NotFoundException alreadyGone) {
            // never made, or removed before
        }
        try {
            docker.removeVolumeCmd(volume(addonId)).exec();
        } catch (NotFoundException alreadyGone) {
            // removing is idempotent
        }
    }

    private String volume(UUID addonId) {
        return "paas-addon-" + addonId;
    }

    @Override
    public void close() throws Exception {
        docker.close();
    }
}
