package dev.paas.api.agent;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A runtime agent: one Docker host and the address where its containers' ports are reachable. */
public record AgentRow(UUID id, String name, String address, int memoryMb, String status,
                       OffsetDateTime lastHeartbeatAt) {
}
