package dev.paas.builder.docker;

import java.util.List;
import java.util.Map;

/** What an image made by {@link DockerEngine#commit} runs as: its user, directory, environment, entrypoint, labels. */
public record ImageConfig(String user, String workDir, List<String> env, List<String> entrypoint,
                          Map<String, String> labels) {
}
