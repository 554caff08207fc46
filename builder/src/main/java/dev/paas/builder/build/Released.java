package dev.paas.builder.build;

import java.util.UUID;

/** A build that became a release. */
public record Released(UUID build, int version, String image, String webUrl) {
}
