package dev.paas.agent.addon;

import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** How each service's server runs: its image, user, arguments from the plan, data path and health check. */
final class AddonSpecs {
    static final String POSTGRES = "heroku-postgresql";
    static final String REDIS = "heroku-redis";
    static final String LABEL_AGENT = "paas.addon.agent";
    static final String LABEL_ADDON = "paas.addon";
    private final String agent;
    private final AddonImages images;

    AddonSpecs(String agent, AddonImages images) {
        this.agent = agent;
        this.images = images;
    }

    Map<String, String> labels(UUID addonId) {
        return Map.of(LABEL_AGENT, agent, LABEL_ADDON, addonId.toString());
    }

    /** An add-on's own network, internal (no way out): it starts there, then joins its apps' networks. */
    String ownNetwork(UUID addonId) {
        return "paas-" + agent + "-addon-" + addonId;
    }

    AddonSpec spec(Wire.AgentAddon a) {
        if (REDIS.equals(a.service())) {
            int maxMemory = Math.max(8, a.memoryMb() * 3 / 4);
            return new AddonSpec(a.id(), a.name(), images.redis(), "redis", List.of("redis-server", "--dir", "/data",
                    "--appendonly", "yes", "--requirepass", a.password(), "--bind", "0.0.0.0", "--protected-mode", "no",
                    "--maxmemory", maxMemory + "mb", "--maxclients", String.valueOf(a.connections())),
                    // for its health check: redis-cli reads the password from there
                    Map.of("REDISCLI_AUTH", a.password()), "/data", a.memoryMb(),
                    List.of("CMD-SHELL", "redis-cli ping | grep -q PONG"),
                    labels(a.id()), ownNetwork(a.id()));
        }
        if (POSTGRES.equals(a.service())) {
            return new AddonSpec(a.id(), a.name(), images.postgres(), "postgres",
                    List.of("-c", "max_connections=" + a.connections(),
                            "-c", "shared_buffers=" + Math.max(16, a.memoryMb() / 4) + "MB"),
                    Map.of("POSTGRES_USER", a.username(), "POSTGRES_PASSWORD", a.password(), "POSTGRES_DB",
                            a.username(), "PGDATA", "/var/lib/postgresql/data"),
                    "/var/lib/postgresql/data", a.memoryMb(),
                    List.of("CMD-SHELL", "pg_isready -q -h 127.0.0.1 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\""),
                    labels(a.id()), ownNetwork(a.id()));
        }
        throw new IllegalArgumentException("unknown add-on service " + a.service());
    }
}
