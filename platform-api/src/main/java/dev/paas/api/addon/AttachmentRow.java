package dev.paas.api.addon;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An add-on attached to an app under {@code name}: the app's config var NAME_URL. */
record AttachmentRow(UUID id, UUID addonId, String addonName, UUID addonAppId, String addonAppName, UUID appId,
                     String appName, String name, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    String configVar() {
        return AttachmentNames.configVar(name);
    }
}
