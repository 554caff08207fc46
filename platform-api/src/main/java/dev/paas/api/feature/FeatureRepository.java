package dev.paas.api.feature;

import static dev.paas.api.db.Schema.AppFeatures;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Which features each app has turned on: one row per enabled feature. */
public final class FeatureRepository {

    Set<String> enabled(DSLContext dsl, UUID appId) {
        return dsl.select(AppFeatures.NAME).from(AppFeatures.T).where(AppFeatures.APP_ID.eq(appId))
                .fetch(r -> r.value1()).stream().collect(Collectors.toUnmodifiableSet());
    }

    /** Returns whether this changed anything (it was off). */
    boolean enable(DSLContext tx, UUID appId, String name) {
        return tx.insertInto(AppFeatures.T).set(AppFeatures.APP_ID, appId).set(AppFeatures.NAME, name)
                .onConflictDoNothing().execute() > 0;
    }

    /** Returns whether this changed anything (it was on). */
    boolean disable(DSLContext tx, UUID appId, String name) {
        return tx.deleteFrom(AppFeatures.T).where(AppFeatures.APP_ID.eq(appId)).and(AppFeatures.NAME.eq(name))
                .execute() > 0;
    }
}
