package dev.paas.api.build;

import dev.paas.api.app.AppRow;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.client.EventKind;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds: the builder records them and the images they made, on behalf of the pusher it
 * authenticated; users read their history and output, and may cancel a pending build.
 */
public final class BuildService {
    private static final Pattern PROCESS_TYPE = Pattern.compile("[A-Za-z0-9_-]{1,30}");
    private static final int MAX_OUTPUT_CHARS = 512 * 1024;
    private final Transactions transactions;
    private final BuildRepository builds;

    public BuildService(Transactions transactions, BuildRepository builds) {
        this.transactions = transactions;
        this.builds = builds;
    }

    public Seek.Page<BuildRow> list(AppRow app, Seek seek) {
        return builds.list(transactions.dsl(), app.id(), seek);
    }

    public BuildRow require(AppRow app, String id) {
        return builds.require(transactions.dsl(), app.id(), id);
    }

    public String output(BuildRow build) {
        return builds.output(transactions.dsl(), build.id());
    }

    BuildRow create(AppRow app, UUID user, String commit, String buildpack) {
        if (commit != null && !commit.matches("[0-9a-f]{4,64}")) {
            throw ApiFailure.invalid("'commit' must be a hexadecimal git commit id, got " + commit + ".");
        }
        return transactions.result(tx -> {
            var id = builds.insert(tx.dsl(), app.id(), user, commit, buildpack);
            tx.announce(app.id(), EventKind.BUILD_CREATED, Map.of("build_id", id));
            return builds.require(tx.dsl(), app.id(), id.toString());
        });
    }

    /** Records the outcome; a build is finished once (409 after). */
    BuildRow finish(AppRow app, BuildRow build, Wire.BuildUpdate body) {
        validate(body);
        String output = body.output() == null || body.output().length() <= MAX_OUTPUT_CHARS ? body.output()
                : body.output().substring(body.output().length() - MAX_OUTPUT_CHARS);
        return transactions.result(tx -> {
            if (!builds.finish(tx.dsl(), build.id(), body.status(), body.image(), body.buildpack(),
                    body.processTypes(), output, body.healthchecks())) {
                throw ApiFailure.conflict("Build " + build.id() + " is " + build.status() + " already; a build is "
                        + "finished once.");
            }
            tx.announce(app.id(), "succeeded".equals(body.status()) ? EventKind.BUILD_SUCCEEDED : EventKind.BUILD_FAILED, Map.of("build_id", build.id()));
            return builds.require(tx.dsl(), app.id(), build.id().toString());
        });
    }

    /**
     * Cancels a pending build: it is failed with the reason, so the builder (which watches its builds) stops it and
     * releases nothing. A build finished already is a 409.
     */
    BuildRow cancel(AppRow app, BuildRow build, String byEmail) {
        String reason = "Build canceled by " + byEmail + ".";
        return transactions.result(tx -> {
            if (!builds.cancel(tx.dsl(), build.id(), reason)) {
                throw ApiFailure.conflict("Build " + build.id() + " is " + builds.require(tx.dsl(), app.id(),
                        build.id().toString()).status() + " already; only a pending build can be canceled.");
            }
            tx.announce(app.id(), EventKind.BUILD_FAILED, Map.of("build_id", build.id(), "reason", reason));
            return builds.require(tx.dsl(), app.id(), build.id().toString());
        });
    }

    private static void validate(Wire.BuildUpdate body) {
        if (!"succeeded".equals(body.status()) && !"failed".equals(body.status())) {
            throw ApiFailure.invalid("'status' must be \"succeeded\" or \"failed\".");
        }
        if ("succeeded".equals(body.status()) && (body.image() == null || body.image().isBlank())) {
            throw ApiFailure.invalid("A succeeded build needs the 'image' it produced.");
        }
        if (body.healthchecks() != null) {
            body.healthchecks().forEach((type, checks) -> {
                if (body.processTypes() == null || !body.processTypes().containsKey(type)) {
                    throw ApiFailure.invalid("'healthchecks' names process type '" + type + "', which the build's "
                            + "'process_types' do not have.");
                }
                for (Wire.HealthCheck c : checks == null ? List.<Wire.HealthCheck>of() : checks) {
                    if (c == null || !List.of("startup", "readiness", "liveness").contains(c.type())
                            || Stream.of(c.attempts(), c.timeoutSeconds(), c.waitSeconds(), c.initialDelaySeconds())
                                    .anyMatch(n -> n != null && n < 0)) {
                        throw ApiFailure.invalid("Each health check of '" + type + "' needs a 'type' of startup, "
                                + "readiness or liveness and no negative numbers.");
                    }
                }
            });
        }
        if (body.processTypes() != null) {
            body.processTypes().forEach((type, command) -> {
                if (!PROCESS_TYPE.matcher(type).matches() || command == null || command.isBlank()) {
                    throw ApiFailure.invalid("Process type '" + type + "' needs a name of letters, digits, '-' or '_' "
                            + "and a command.");
                }
            });
        }
    }
}
