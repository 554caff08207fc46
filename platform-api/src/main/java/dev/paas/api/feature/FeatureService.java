package dev.paas.api.feature;

import dev.paas.api.app.AppRow;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.client.EventKind;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An app's labs features: listing them, and turning one on or off (agents learn it from their slots). */
public final class FeatureService {
    private final Transactions transactions;
    private final FeatureRepository features;

    public FeatureService(Transactions transactions, FeatureRepository features) {
        this.transactions = transactions;
        this.features = features;
    }

    List<Wire.AppFeature> list(AppRow app) {
        Set<String> on = features.enabled(transactions.dsl(), app.id());
        return Features.all().stream().map(f -> wire(f, on.contains(f.name()))).toList();
    }

    Wire.AppFeature show(AppRow app, String name) {
        var feature = require(name);
        return wire(feature, features.enabled(transactions.dsl(), app.id()).contains(feature.name()));
    }

    /** Announced only when it changes something: agents then start or stop what the feature does. */
    Wire.AppFeature update(AppRow app, String name, boolean enabled) {
        var feature = require(name);
        transactions.run(tx -> {
            boolean changed = enabled ? features.enable(tx.dsl(), app.id(), feature.name())
                    : features.disable(tx.dsl(), app.id(), feature.name());
            if (changed) {
                tx.announce(app.id(), EventKind.APP_FEATURE_UPDATED,
                        Map.of("feature", feature.name(), "enabled", enabled));
            }
        });
        return wire(feature, enabled);
    }

    private static Features.Feature require(String name) {
        return Features.named(name).orElseThrow(() -> ApiFailure.notFound("No feature named " + name
                + ". Features: " + Features.names() + " (see `paas labs`)."));
    }

    private static Wire.AppFeature wire(Features.Feature f, boolean enabled) {
        return new Wire.AppFeature(f.name(), f.description(), enabled, "beta", f.docUrl());
    }
}
