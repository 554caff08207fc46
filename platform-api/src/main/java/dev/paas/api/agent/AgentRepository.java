package dev.paas.api.agent;

import static dev.paas.api.db.Schema.Agents;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Agents by name; a restarted agent registers under its name again and keeps its id and slots. */
public final class AgentRepository {

    AgentRow register(DSLContext tx, String name, String address, int memoryMb) {
        tx.insertInto(Agents.T)
                .set(Agents.ID, UUID.randomUUID()).set(Agents.NAME, name).set(Agents.ADDRESS, address)
                .set(Agents.MEMORY_MB, memoryMb)
                .onConflict(Agents.NAME).doUpdate()
                .set(Agents.ADDRESS, address).set(Agents.MEMORY_MB, memoryMb).set(Agents.STATUS, "alive")
                .set(Agents.LAST_HEARTBEAT_AT, DSL.currentOffsetDateTime())
                .execute();
        return byName(tx, name).orElseThrow();
    }

    /** False when the agent is unknown. A lost agent that heartbeats is alive again. */
    boolean heartbeat(DSLContext dsl, UUID id) {
        return dsl.update(Agents.T).set(Agents.LAST_HEARTBEAT_AT, DSL.currentOffsetDateTime())
                .set(Agents.STATUS, "alive").where(Agents.ID.eq(id)).execute() == 1;
    }

    public Optional<AgentRow> find(DSLContext dsl, UUID id) {
        return dsl.select(fields()).from(Agents.T).where(Agents.ID.eq(id)).fetchOptional(AgentRepository::row);
    }

    Optional<AgentRow> byName(DSLContext dsl, String name) {
        return dsl.select(fields()).from(Agents.T).where(Agents.NAME.eq(name)).fetchOptional(AgentRepository::row);
    }

    /** Alive agents that are not removed: draining ones too, which keep what they run until it moves. */
    public List<AgentRow> alive(DSLContext dsl) {
        return dsl.select(fields()).from(Agents.T).where(Agents.STATUS.eq("alive"))
                .and(Agents.ADMISSION.ne(Admission.REMOVED.word())).orderBy(Agents.NAME)
                .fetch(AgentRepository::row);
    }

    /** The agent by name, its row locked until the transaction ends. */
    public Optional<AgentRow> lockByName(DSLContext tx, String name) {
        return tx.select(fields()).from(Agents.T).where(Agents.NAME.eq(name)).forUpdate()
                .fetchOptional(AgentRepository::row);
    }

    public void admit(DSLContext tx, UUID id, Admission admission) {
        tx.update(Agents.T).set(Agents.ADMISSION, admission.word()).where(Agents.ID.eq(id)).execute();
    }

    public List<AgentRow> all(DSLContext dsl) {
        return dsl.select(fields()).from(Agents.T).orderBy(Agents.NAME).fetch(AgentRepository::row);
    }

    /** Marks agents silent since {@code before} as lost; returns them. */
    List<UUID> markLost(DSLContext tx, OffsetDateTime before) {
        return tx.update(Agents.T).set(Agents.STATUS, "lost")
                .where(Agents.STATUS.eq("alive")).and(Agents.LAST_HEARTBEAT_AT.lt(before))
                .returningResult(Agents.ID).fetch(r -> r.value1());
    }

    private static List<org.jooq.SelectField<?>> fields() {
        return List.of(Agents.ID, Agents.NAME, Agents.ADDRESS, Agents.MEMORY_MB, Agents.STATUS,
                Agents.LAST_HEARTBEAT_AT, Agents.ADMISSION);
    }

    private static AgentRow row(Record r) {
        return new AgentRow(r.get(Agents.ID), r.get(Agents.NAME), r.get(Agents.ADDRESS), r.get(Agents.MEMORY_MB),
                r.get(Agents.STATUS), r.get(Agents.LAST_HEARTBEAT_AT), Admission.of(r.get(Agents.ADMISSION)));
    }
}
