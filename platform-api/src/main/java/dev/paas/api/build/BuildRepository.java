package dev.paas.api.build;

import static dev.paas.api.db.Schema.Builds;
import static dev.paas.api.db.Schema.Users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;

/** Build records; a build leaves {@code pending} once, to {@code succeeded} or {@code failed}. */
public final class BuildRepository {
    private static final Map<String, org.jooq.Field<?>> SORT_KEYS = Map.of("created_at", Builds.CREATED_AT, "id", Builds.ID);
    private final ObjectMapper json;

    public BuildRepository(ObjectMapper json) {
        this.json = json;
    }

    UUID insert(DSLContext tx, UUID appId, UUID userId, String commit, String buildpack) {
        var id = UUID.randomUUID();
        try {
            tx.insertInto(Builds.T)
                    .set(Builds.ID, id).set(Builds.APP_ID, appId).set(Builds.USER_ID, userId)
                    .set(Builds.STATUS, "pending").set(Builds.COMMIT_SHA, commit).set(Builds.BUILDPACK, buildpack)
                    .execute();
        } catch (org.jooq.exception.DataAccessException e) {
            if (dev.paas.api.error.Constraints.uniqueViolation(e).filter("builds_one_pending_per_app"::equals)
                    .isPresent()) {
                throw dev.paas.api.error.ApiFailure.conflict("This app is being deployed: another build is in "
                        + "progress. Wait for it to finish (paas builds), then push again.");
            }
            if (isForeignKeyViolation(e)) {
                throw ApiFailure.invalid("'user' names no user: give the id of the user who pushed.");
            }
            throw e;
        }
        return id;
    }

    private static boolean isForeignKeyViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && "23503".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Finishes a pending build; false when it was not pending any more (the row is left as it was). */
    boolean finish(DSLContext tx, UUID id, String status, String image, String buildpack,
                   Map<String, String> processTypes, String output,
                   Map<String, java.util.List<dev.paas.client.Wire.HealthCheck>> healthchecks) {
        var update = tx.update(Builds.T)
                .set(Builds.STATUS, status)
                .set(Builds.IMAGE, image)
                .set(Builds.PROCESS_TYPES, JSONB.valueOf(write(processTypes == null ? Map.of() : processTypes)))
                .set(Builds.HEALTHCHECKS, JSONB.valueOf(write(healthchecks == null ? Map.of() : healthchecks)))
                .set(Builds.OUTPUT, output == null ? "" : output)
                .set(Builds.UPDATED_AT, OffsetDateTime.now());
        if (buildpack != null) {
            update = update.set(Builds.BUILDPACK, buildpack);
        }
        return update.where(Builds.ID.eq(id)).and(Builds.STATUS.eq("pending")).execute() == 1;
    }

    /** Fails a pending build, appending the reason to its output; false when it was not pending any more. */
    boolean cancel(DSLContext tx, UUID id, String reason) {
        return tx.update(Builds.T)
                .set(Builds.STATUS, "failed")
                .set(Builds.OUTPUT, Builds.OUTPUT.concat(" !     " + reason + "\n"))
                .set(Builds.UPDATED_AT, OffsetDateTime.now())
                .where(Builds.ID.eq(id)).and(Builds.STATUS.eq("pending")).execute() == 1;
    }

    public BuildRow require(DSLContext dsl, UUID appId, String id) {
        return find(dsl, appId, id).orElseThrow(() -> ApiFailure.notFound("Couldn't find build " + id
                + ". See `paas builds`."));
    }

    Optional<BuildRow> find(DSLContext dsl, UUID appId, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return select(dsl).where(Builds.APP_ID.eq(appId)).and(Builds.ID.eq(uuid)).fetchOptional(this::row);
    }

    String output(DSLContext dsl, UUID buildId) {
        return dsl.select(Builds.OUTPUT).from(Builds.T).where(Builds.ID.eq(buildId)).fetchSingle(Builds.OUTPUT);
    }

    Seek.Page<BuildRow> list(DSLContext dsl, UUID appId, Seek seek) {
        return seek.fetch(select(dsl).where(Builds.APP_ID.eq(appId)), SORT_KEYS, this::row);
    }

    private org.jooq.SelectJoinStep<Record> select(DSLContext dsl) {
        return dsl.select(java.util.List.of(Builds.ID, Builds.APP_ID, Builds.USER_ID, Users.EMAIL, Builds.STATUS,
                        Builds.COMMIT_SHA, Builds.BUILDPACK, Builds.IMAGE, Builds.PROCESS_TYPES, Builds.CREATED_AT,
                        Builds.UPDATED_AT, Builds.HEALTHCHECKS))
                .from(Builds.T.leftJoin(Users.T).on(Users.ID.eq(Builds.USER_ID)));
    }

    private BuildRow row(Record r) {
        try {
            Map<String, String> types = json.readValue(r.get(Builds.PROCESS_TYPES).data(), new TypeReference<>() { });
            return new BuildRow(r.get(Builds.ID), r.get(Builds.APP_ID), r.get(Builds.USER_ID), r.get(Users.EMAIL),
                    r.get(Builds.STATUS), r.get(Builds.COMMIT_SHA), r.get(Builds.BUILDPACK), r.get(Builds.IMAGE), types,
                    r.get(Builds.CREATED_AT), r.get(Builds.UPDATED_AT),
                    json.readValue(r.get(Builds.HEALTHCHECKS).data(), new TypeReference<
                            Map<String, java.util.List<dev.paas.client.Wire.HealthCheck>>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("builds.process_types or healthchecks holds JSON of another shape", e);
        }
    }

    private String write(Map<String, ?> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("string map is always serializable", e);
        }
    }
}
