package dev.paas.common.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a container of untrusted code (an app process, a build) is allowed, in one place, so that build containers
 * and app containers get the same guarantees:
 * <ul>
 *   <li>it runs as a non-root user; a build alone starts as root, only to hand its mounts to that user and switch
 *       to it, and keeps just the capabilities that takes ({@link #rootSetup});</li>
 *   <li>every other capability is dropped, it is not privileged, and {@code no-new-privileges} stops setuid
 *       binaries from gaining any back;</li>
 *   <li>memory is capped with no swap beyond it, and so are its processes ({@code pids}: no fork bomb);</li>
 *   <li>an init reaps its zombies and forwards signals;</li>
 *   <li>its output is kept by the json-file driver within a size cap, so no process fills the host's disk;</li>
 *   <li>it mounts nothing of the host unless the caller binds it (a build's work dirs), so never the Docker socket.</li>
 * </ul>
 * Where builds and apps legitimately differ it is a parameter: a build starts as root ({@link #rootSetup}) and sits on
 * the engine's default bridge (it fetches packages), an app process on its app's own network.
 *
 * @param user        uid:gid the container starts as; root only with {@code rootSetup}
 * @param memoryMb    memory limit, swap included
 * @param pids        most processes and threads at once
 * @param network     the network it joins; null for the engine's default bridge
 * @param rootSetup   capabilities kept for a root entry point that chowns mounts and switches user; empty otherwise
 * @param logMaxSize  json-file {@code max-size} of each of its log files, such as {@code 10m}
 * @param logMaxFiles json-file {@code max-file}: how many of those files it keeps
 */
public record Hardening(String user, int memoryMb, long pids, String network, Set<Capability> rootSetup,
                        String logMaxSize, int logMaxFiles) {
    public static final String LOG_MAX_SIZE = "10m";
    public static final int LOG_MAX_FILES = 3;
    /** What handing mounts to another user and switching to it takes; nothing beyond. */
    public static final Set<Capability> SETUP_CAPABILITIES = Set.of(Capability.CHOWN, Capability.FOWNER,
            Capability.DAC_OVERRIDE, Capability.SETUID, Capability.SETGID);

    public Hardening {
        rootSetup = rootSetup.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rootSetup));
        if (!SETUP_CAPABILITIES.containsAll(rootSetup)) {
            throw new IllegalArgumentException("a container of untrusted code keeps at most " + SETUP_CAPABILITIES
                    + ", not " + rootSetup);
        }
        if (isRoot(user) && rootSetup.isEmpty()) {
            throw new IllegalArgumentException("a container of untrusted code must not run as root, got user '"
                    + user + "'");
        }
        if (memoryMb < 1 || pids < 1 || logMaxFiles < 1) {
            throw new IllegalArgumentException("memory, pids and log files must be limited, got " + memoryMb
                    + " MB, " + pids + " pids, " + logMaxFiles + " log files");
        }
    }

    /** An app process: unprivileged from its first instruction, on its app's own network. */
    public static Hardening appProcess(String user, int memoryMb, long pids, String network, String logMaxSize,
                                       int logMaxFiles) {
        return new Hardening(user, memoryMb, pids, network, Set.of(), logMaxSize, logMaxFiles);
    }

    /**
     * A build: its entry point starts as {@code user} (root, to hand the mounts to the build user and switch to it),
     * on the engine's default bridge, because builds fetch packages.
     */
    public static Hardening build(String user, int memoryMb, long pids) {
        return new Hardening(user, memoryMb, pids, null, isRoot(user) ? SETUP_CAPABILITIES : Set.of(), LOG_MAX_SIZE,
                LOG_MAX_FILES);
    }

    /** Sets the user and the limits on {@code create}, with {@code host} (binds, ports already on it) as its host config. */
    public CreateContainerCmd applyTo(CreateContainerCmd create, HostConfig host) {
        long bytes = memoryMb * 1024L * 1024L;
        host.withMemory(bytes)
                .withMemorySwap(bytes)
                .withPidsLimit(pids)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPrivileged(false)
                .withInit(true)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", logMaxSize, "max-file", String.valueOf(logMaxFiles))));
        if (!rootSetup.isEmpty()) {
            host.withCapAdd(rootSetup.stream().sorted().toArray(Capability[]::new));
        }
        if (network != null) {
            host.withNetworkMode(network);
        }
        return create.withUser(user).withHostConfig(host);
    }

    private static boolean isRoot(String user) {
        return user == null || user.isBlank() || user.strip().matches("(0|root)(:.*)?");
    }
}
