package dev.paas.api.agent;

import dev.paas.client.HostState;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A runtime agent: one Docker host and the address where its containers' ports are reachable;
 * {@code status} is its liveness (alive or lost), {@code admission} the operator's word on it.
 */
public record AgentRow(UUID id, String name, String address, int memoryMb, String status,
                       OffsetDateTime lastHeartbeatAt, Admission admission) {

    public boolean alive() {
        return "alive".equals(status);
    }

    public HostState hostState() {
        return admission.hostState(alive());
    }
}
