package dev.paas.builder.registry;

import dev.paas.common.env.Env;
import dev.paas.common.registry.Registry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the builder's own HTTP client reaches the registry (pushes go through the engine; deletes come from here).
 *
 * @param registry the registry and its credentials
 * @param base     {@code https://ADDRESS}, or {@code http://ADDRESS} with {@code PAAS_REGISTRY_PLAIN_HTTP=true}, which
 *                 is allowed for a loopback address only (the engine itself speaks plain HTTP to no other)
 * @param ca       {@code PAAS_REGISTRY_CA}: PEM certificate of the authority that signed the registry's certificate;
 *                 default the engine's {@code /etc/docker/certs.d/ADDRESS/ca.crt} when there, else the JVM's trust
 */
public record RegistryAccess(Registry registry, URI base, Path ca) {

    public static RegistryAccess fromEnv(Env env, Registry registry) {
        boolean plain = env.bool("PAAS_REGISTRY_PLAIN_HTTP", false);
        String host = registry.address().replaceFirst(":\\d+$", "");
        if (plain && !(host.startsWith("127.") || host.equals("localhost") || host.equals("[::1]"))) {
            throw Env.bad("PAAS_REGISTRY_PLAIN_HTTP", "false for a registry off this host (" + registry.address()
                    + "): engines speak plain HTTP to loopback registries only; give it TLS", "true");
        }
        Path engineCa = Path.of("/etc/docker/certs.d", registry.address(), "ca.crt");
        Path ca = env.optional("PAAS_REGISTRY_CA").map(Path::of)
                .orElse(Files.isReadable(engineCa) ? engineCa : null);
        if (ca != null && !Files.isReadable(ca)) {
            throw Env.bad("PAAS_REGISTRY_CA", "a readable PEM file (the registry's certificate authority)",
                    ca.toString());
        }
        return new RegistryAccess(registry, URI.create((plain ? "http://" : "https://") + registry.address()), ca);
    }
}
