package dev.paas.api.addon;

import dev.paas.api.error.ApiFailure;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an attachment is called on its app, hence its config var (NAME_URL): as Heroku names them,
 * DATABASE for an app's first Postgres, HEROKU_POSTGRESQL_AMBER and so on for more.
 */
final class AttachmentNames {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,62}");
    private static final List<String> COLORS = List.of("AMBER", "BLUE", "BRONZE", "CHARCOAL", "COBALT", "COPPER",
            "CRIMSON", "CYAN", "GOLD", "GRAY", "GREEN", "IVORY", "JADE", "LIME", "MAROON", "NAVY", "OLIVE",
            "ONYX", "ORANGE", "PINK", "PURPLE", "RED", "ROSE", "SILVER", "TEAL", "WHITE", "YELLOW");

    private AttachmentNames() {
    }

    /** {@code requested} (upper-cased; a trailing _URL dropped) or the service's first free default. */
    static String choose(Catalog.Service service, String requested, Set<String> taken) {
        if (requested != null && !requested.isBlank()) {
            String name = requested.strip().toUpperCase().replace('-', '_').replaceFirst("_URL$", "");
            if (!NAME.matcher(name).matches()) {
                throw ApiFailure.invalid("Attachment name '" + requested + "' is invalid: use letters, digits and "
                        + "underscores, starting with a letter (its config var is NAME_URL).");
            }
            if (taken.contains(name)) {
                throw taken(name);
            }
            return name;
        }
        if (!taken.contains(service.defaultVar())) {
            return service.defaultVar();
        }
        return COLORS.stream().map(c -> service.colorPrefix() + "_" + c).filter(n -> !taken.contains(n)).findFirst()
                .orElseThrow(() -> ApiFailure.conflict("The app has an attachment of every color of "
                        + service.name() + "; name this one with --as NAME."));
    }

    static ApiFailure taken(String name) {
        return ApiFailure.conflict("The app already has an attachment named " + name + " (config var " + name
                + "_URL). Choose another name with --as NAME.");
    }

    static String configVar(String attachment) {
        return attachment + "_URL";
    }
}
