package dev.paas.api.release;

import static dev.paas.api.db.Schema.Releases;
import static dev.paas.api.db.Schema.Users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectJoinStep;

/** Reads and appends rows of the release ledger. The database refuses updates and deletes. */
public final class ReleaseRepository {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<Map<String, java.util.List<dev.paas.client.Wire.HealthCheck>>> CHECKS =
            new TypeReference<>() { };
    private static final Map<String, org.jooq.Field<?>> SORT_KEYS = Map.of("version", Releases.VERSION, "id", Releases.ID);
    private final ObjectMapper json;

    public ReleaseRepository(ObjectMapper json) {
        this.json = json;
    }

    public Optional<ReleaseRow> latest(DSLContext dsl, UUID appId) {
        return base(dsl).where(Releases.APP_ID.eq(appId)).orderBy(Releases.VERSION.desc()).limit(1)
                .fetchOptional(this::row);
    }

    /** A release by id, version number, or {@code vN}. */
    public ReleaseRow require(DSLContext dsl, UUID appId, String idOrVersion) {
        return base(dsl).where(Releases.APP_ID.eq(appId)).and(identifiedBy(idOrVersion)).fetchOptional(this::row)
                .orElseThrow(() -> ApiFailure.notFound("Couldn't find release " + idOrVersion
                        + ". Use a version such as v3 (see `paas releases`) or a release id."));
    }

    Seek.Page<ReleaseRow> list(DSLContext dsl, UUID appId, Seek seek) {
        return seek.fetch(base(dsl).where(Releases.APP_ID.eq(appId)), SORT_KEYS, this::row);
    }

    ReleaseRow insert(DSLContext tx, UUID appId, int version, Draft draft) {
        var id = UUID.randomUUID();
        tx.insertInto(Releases.T)
                .set(Releases.ID, id)
                .set(Releases.APP_ID, appId)
                .set(Releases.VERSION, version)
                .set(Releases.BUILD_ID, draft.buildId())
                .set(Releases.IMAGE, draft.image())
                .set(Releases.PROCESS_TYPES, jsonb(draft.processTypes()))
                .set(Releases.CONFIG, jsonb(draft.config()))
                .set(Releases.HEALTHCHECKS, jsonb(draft.healthchecks() == null ? Map.of() : draft.healthchecks()))
                .set(Releases.DESCRIPTION, draft.description())
                .set(Releases.USER_ID, draft.userId())
                .execute();
        return base(tx).where(Releases.ID.eq(id)).fetchSingle(this::row);
    }

    private static Condition identifiedBy(String idOrVersion) {
        String s = idOrVersion.trim();
        if (s.matches("[vV]?\\d{1,9}")) {
            return Releases.VERSION.eq(Integer.parseInt(s.replaceFirst("^[vV]", "")));
        }
        try {
            return Releases.ID.eq(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            throw ApiFailure.invalid("'" + idOrVersion + "' is neither a release version (such as v3) nor a release id.");
        }
    }

    private static SelectJoinStep<Record> base(DSLContext dsl) {
        return dsl.select(java.util.List.of(Releases.ID, Releases.APP_ID, Releases.VERSION, Releases.BUILD_ID,
                        Releases.IMAGE, Releases.PROCESS_TYPES, Releases.CONFIG, Releases.DESCRIPTION, Releases.USER_ID,
                        Users.EMAIL, Releases.CREATED_AT, Releases.HEALTHCHECKS))
                .from(Releases.T.leftJoin(Users.T).on(Users.ID.eq(Releases.USER_ID)));
    }

    private ReleaseRow row(Record r) {
        return new ReleaseRow(r.get(Releases.ID), r.get(Releases.APP_ID), r.get(Releases.VERSION),
                r.get(Releases.BUILD_ID), r.get(Releases.IMAGE), map(r.get(Releases.PROCESS_TYPES)),
                map(r.get(Releases.CONFIG)), r.get(Releases.DESCRIPTION), r.get(Releases.USER_ID), r.get(Users.EMAIL),
                r.get(Releases.CREATED_AT), checks(r.get(Releases.HEALTHCHECKS)));
    }

    private Map<String, java.util.List<dev.paas.client.Wire.HealthCheck>> checks(JSONB value) {
        try {
            return value == null ? Map.of() : json.readValue(value.data(), CHECKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("releases.healthchecks holds JSON that is not a map of check lists", e);
        }
    }

    private Map<String, String> map(JSONB value) {
        try {
            return value == null ? Map.of() : json.readValue(value.data(), STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("release column holds JSON that is not a string map", e);
        }
    }

    private JSONB jsonb(Map<String, ?> value) {
        try {
            return JSONB.valueOf(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of records is always serializable", e);
        }
    }
}
