package dev.paas.api.addon;

import dev.paas.client.Wire;
import java.time.Instant;
import java.util.List;

/** The wire shapes of add-ons, attachments and the catalog; never the credentials (those are in config vars). */
final class AddonWire {
    private static final Instant CATALOG_DATE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Wire.Price FREE = new Wire.Price(0, false, "month");

    private AddonWire() {
    }

    static Wire.Addon addon(AddonRow a, List<AttachmentRow> attachments) {
        var s = a.catalogService();
        var plan = s.plan(a.plan()).orElseThrow();
        var owner = new Wire.AppRef(a.appId(), a.appName());
        return new Wire.Addon(a.id(), a.name(), new Wire.IdRef(s.id(), s.name()),
                new Wire.IdRef(s.planId(plan), s.name() + ":" + plan.name()), owner, owner, FREE,
                attachments.stream().map(AttachmentRow::configVar).distinct().toList(), a.state(), a.id().toString(),
                List.of(), null, a.createdAt().toInstant(), a.updatedAt().toInstant());
    }

    static Wire.AddonAttachment attachment(AttachmentRow t) {
        return new Wire.AddonAttachment(t.id(), t.name(), new Wire.AttachmentAddon(t.addonId(), t.addonName(),
                new Wire.AppRef(t.addonAppId(), t.addonAppName())), new Wire.AppRef(t.appId(), t.appName()), null,
                null, t.createdAt().toInstant(), t.updatedAt().toInstant());
    }

    static Wire.AddonService service(Catalog.Service s) {
        return new Wire.AddonService(s.id(), s.name(), s.humanName(), "ga", true, true, CATALOG_DATE, CATALOG_DATE);
    }

    static Wire.AddonPlan plan(Catalog.Service s, Catalog.Plan p) {
        return new Wire.AddonPlan(s.planId(p), s.name() + ":" + p.name(), p.name(), p.description(),
                new Wire.IdRef(s.id(), s.name()), FREE, p.isDefault(), "public", true, CATALOG_DATE, CATALOG_DATE);
    }
}
