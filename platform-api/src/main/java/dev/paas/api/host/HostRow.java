package dev.paas.api.host;

import dev.paas.client.HostState;
import java.time.OffsetDateTime;

/** A host as operators see it: its agent, its state, and what it holds. */
record HostRow(String name, String address, HostState state, int memoryMb, int usedMb, int processes,
               OffsetDateTime lastHeartbeatAt) {
}
