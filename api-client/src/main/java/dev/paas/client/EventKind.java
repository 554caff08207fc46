package dev.paas.client;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an event in the platform's change log says happened (its {@code kind} on the wire, and its
 * name in the event stream). Readers look kinds up with {@link #of}, which leaves kinds newer than
 * the reader unknown rather than failing, so a control plane may add kinds before its readers learn them.
 */
public enum EventKind {
    ADDON_CREATED("addon.created"),
    ADDON_PROVISIONED("addon.provisioned"),
    ADDON_DESTROYED("addon.destroyed"),
    ADDON_ATTACHMENT_CREATED("addon-attachment.created"),
    ADDON_ATTACHMENT_DESTROYED("addon-attachment.destroyed"),
    /** A backup of a Postgres add-on, or a restore into one, was asked for, started, ended or deleted. */
    ADDON_BACKUP_CHANGED("addon-backup.changed"),
    /** A labs feature of the app was turned on or off: agents pick up what it changes with their slots. */
    APP_FEATURE_UPDATED("app-feature.updated"),
    APP_CREATED("app.created"),
    APP_RENAMED("app.renamed"),
    APP_DESTROYED("app.destroyed"),
    BUILD_CREATED("build.created"),
    BUILD_SUCCEEDED("build.succeeded"),
    BUILD_FAILED("build.failed"),
    COLLABORATOR_CREATED("collaborator.created"),
    COLLABORATOR_DELETED("collaborator.deleted"),
    DOMAIN_CREATED("domain.created"),
    DOMAIN_DELETED("domain.deleted"),
    DYNO_CREATED("dyno.created"),
    DYNO_STOPPED("dyno.stopped"),
    DYNOS_RESTARTED("dynos.restarted"),
    FORMATION_UPDATED("formation.updated"),
    INSTANCES_CHANGED("instances.changed"),
    LOG_DRAIN_CREATED("log-drain.created"),
    LOG_DRAIN_DELETED("log-drain.deleted"),
    RELEASE_CREATED("release.created"),
    /** A release's release phase ended, or it was abandoned: its {@code status} is now succeeded or failed. */
    RELEASE_FINISHED("release.finished"),
    ROUTES_CHANGED("routes.changed"),
    /** A certificate, an ACME challenge or an app's HTTPS options changed: routers fetch {@code GET /router/tls}. */
    TLS_CHANGED("tls.changed");

    private final String wire;

    EventKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    public static Optional<EventKind> of(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
    }
}
