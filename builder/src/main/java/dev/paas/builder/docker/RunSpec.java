package dev.paas.builder.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A throwaway container: binds are Docker's {@code host:container[:ro]} strings. */
public record RunSpec(String buildId, String image, List<String> command, Map<String, String> env, List<String> binds,
                      String user, String workDir, int memoryMb, Duration timeout) {
}
