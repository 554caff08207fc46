package dev.paas.api.backup;

import java.util.UUID;

/** The add-on a backup is of, as backups need it: who owns it, where it runs, how to log in to it. */
record BackupAddon(UUID id, String name, UUID appId, String appName, String service, String state, UUID agentId,
                   String username, String password) {
    static final String POSTGRES = "heroku-postgresql";
    static final String PROVISIONED = "provisioned";

    boolean postgres() {
        return POSTGRES.equals(service);
    }
}
