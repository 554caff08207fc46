package dev.paas.api.collaborator;

import static dev.paas.api.db.Schema.Collaborators;
import static dev.paas.api.db.Schema.Users;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Who besides the owner may use an app. */
public final class CollaboratorRepository {

    /** Empty when the user already collaborates on the app (the unique index decides). */
    Optional<UUID> insert(DSLContext tx, UUID appId, UUID userId) {
        var id = UUID.randomUUID();
        int inserted = tx.insertInto(Collaborators.T)
                .set(Collaborators.ID, id).set(Collaborators.APP_ID, appId).set(Collaborators.USER_ID, userId)
                .onConflictDoNothing()
                .execute();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    List<CollaboratorRow> list(DSLContext dsl, UUID appId) {
        return select(dsl).where(Collaborators.APP_ID.eq(appId)).orderBy(Users.EMAIL).fetch(CollaboratorRepository::row);
    }

    Optional<CollaboratorRow> find(DSLContext dsl, UUID appId, String emailOrId) {
        var who = DSL.lower(Users.EMAIL).eq(emailOrId.trim().toLowerCase());
        try {
            who = who.or(Collaborators.ID.eq(UUID.fromString(emailOrId)));
        } catch (IllegalArgumentException notAUuid) {
            // an email then
        }
        return select(dsl).where(Collaborators.APP_ID.eq(appId)).and(who).fetchOptional(CollaboratorRepository::row);
    }

    void delete(DSLContext tx, UUID id) {
        tx.deleteFrom(Collaborators.T).where(Collaborators.ID.eq(id)).execute();
    }

    public void deleteAll(DSLContext tx, UUID appId) {
        tx.deleteFrom(Collaborators.T).where(Collaborators.APP_ID.eq(appId)).execute();
    }

    private static org.jooq.SelectJoinStep<Record> select(DSLContext dsl) {
        return dsl.select(java.util.List.of(Collaborators.ID, Collaborators.APP_ID, Collaborators.USER_ID, Users.EMAIL,
                        Collaborators.CREATED_AT, Collaborators.UPDATED_AT))
                .from(Collaborators.T.join(Users.T).on(Users.ID.eq(Collaborators.USER_ID)));
    }

    private static CollaboratorRow row(Record r) {
        return new CollaboratorRow(r.get(Collaborators.ID), r.get(Collaborators.APP_ID), r.get(Collaborators.USER_ID),
                r.get(Users.EMAIL), r.get(Collaborators.CREATED_AT), r.get(Collaborators.UPDATED_AT));
    }
}
