package dev.paas.api.addon;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An add-on as stored; {@code appName} is its owning (billing) app's. */
record AddonRow(UUID id, String name, UUID appId, String appName, String service, String plan, String state,
                UUID agentId, UUID createdBy, String username, String password, OffsetDateTime createdAt,
                OffsetDateTime updatedAt) {
    static final String PROVISIONING = "provisioning";
    static final String PROVISIONED = "provisioned";
    static final String DEPROVISIONED = "deprovisioned";

    Catalog.Service catalogService() {
        return Catalog.service(service);
    }

    /** Where an attached app's processes reach it: the add-on's name is its DNS alias on the app's network. */
    String url() {
        if (Catalog.REDIS.name().equals(service)) {
            return "redis://default:" + password + "@" + name + ":6379";
        }
        return "postgres://" + username + ":" + password + "@" + name + ":5432/" + username;
    }
}
