package dev.paas.api.addon;

import dev.paas.api.error.ApiFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The add-on services this platform runs and their plans. Pure data: a plan's limits become the
 * container's memory and its server's connection limit; storage is what the plan promises (a
 * local volume has no quota to enforce it with).
 */
final class Catalog {
    static final Service POSTGRES = new Service("heroku-postgresql", "postgresql", "Heroku Postgres", "DATABASE",
            "HEROKU_POSTGRESQL", List.of(
                    new Plan("essential-0", 256, 20, 1, true),
                    new Plan("essential-1", 512, 40, 10, false),
                    new Plan("essential-2", 1024, 80, 32, false)));
    static final Service REDIS = new Service("heroku-redis", "redis", "Heroku Key-Value Store", "REDIS",
            "HEROKU_REDIS", List.of(
                    new Plan("mini", 64, 20, 0, true),
                    new Plan("premium-0", 256, 40, 0, false)));
    static final List<Service> SERVICES = List.of(POSTGRES, REDIS);

    private Catalog() {
    }

    /**
     * @param alias       what users may type instead of the name ({@code postgresql})
     * @param defaultVar  the first attachment's name on an app ({@code DATABASE})
     * @param colorPrefix further attachments are PREFIX_COLOR ({@code HEROKU_POSTGRESQL_AMBER})
     */
    record Service(String name, String alias, String humanName, String defaultVar, String colorPrefix,
                   List<Plan> plans) {
        UUID id() {
            return UUID.nameUUIDFromBytes(("addon-service:" + name).getBytes(StandardCharsets.UTF_8));
        }

        Plan defaultPlan() {
            return plans.stream().filter(Plan::isDefault).findFirst().orElseThrow();
        }

        Optional<Plan> plan(String name) {
            return plans.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        UUID planId(Plan plan) {
            return UUID.nameUUIDFromBytes(("addon-plan:" + name + ":" + plan.name()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code storageGb} 0: in memory (persisted to the volume, bounded by memory). */
    record Plan(String name, int memoryMb, int connections, int storageGb, boolean isDefault) {
        String description() {
            return memoryMb + " MB memory, " + connections + " connections"
                    + (storageGb > 0 ? ", " + storageGb + " GB storage" : "");
        }
    }

    record Choice(Service service, Plan plan) {
    }

    static Service service(String nameOrAlias) {
        return find(nameOrAlias).orElseThrow(() -> ApiFailure.notFound("Couldn't find add-on service '" + nameOrAlias
                + "'. There are: " + String.join(", ", SERVICES.stream().map(Service::name).toList())
                + " (see `paas addons:services`)."));
    }

    static Optional<Service> find(String nameOrAlias) {
        return SERVICES.stream().filter(s -> s.name().equals(nameOrAlias) || s.alias().equals(nameOrAlias)
                || s.id().toString().equals(nameOrAlias)).findFirst();
    }

    /** {@code SERVICE} (its default plan) or {@code SERVICE:PLAN}. */
    static Choice choose(String requested) {
        if (requested == null || requested.isBlank()) {
            throw ApiFailure.invalid("Give the add-on's 'plan' as SERVICE or SERVICE:PLAN, such as "
                    + "heroku-postgresql:essential-0 or heroku-redis.");
        }
        String[] parts = requested.strip().split(":", 2);
        Service service = service(parts[0]);
        if (parts.length == 1) {
            return new Choice(service, service.defaultPlan());
        }
        return new Choice(service, service.plan(parts[1]).orElseThrow(() -> ApiFailure.invalid("Couldn't find plan '"
                + parts[1] + "' of " + service.name() + ". Its plans are: "
                + String.join(", ", service.plans().stream().map(Plan::name).toList()) + ".")));
    }
}
