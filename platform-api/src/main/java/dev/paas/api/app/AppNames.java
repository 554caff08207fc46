package dev.paas.api.app;

import dev.paas.api.error.ApiFailure;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/** Heroku's app name rules, and random names such as {@code quiet-river-4821} when none is given. */
final class AppNames {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{2,29}");
    private static final List<String> ADJECTIVES = List.of("quiet", "brave", "calm", "eager", "fancy", "gentle",
            "happy", "jolly", "lively", "misty", "polished", "proud", "shiny", "silent", "sunny", "swift", "tidy",
            "vast", "warm", "young");
    private static final List<String> NOUNS = List.of("river", "forest", "meadow", "harbor", "canyon", "island",
            "lake", "mountain", "ocean", "plateau", "reef", "ridge", "savanna", "summit", "valley", "brook", "dune",
            "glacier", "grove", "tundra");
    private final SecureRandom random = new SecureRandom();

    static String validate(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw ApiFailure.invalid("Name '" + name + "' is invalid: it must start with a lowercase letter, contain "
                    + "only lowercase letters, digits and dashes, and be 3 to 30 characters long.");
        }
        return name;
    }

    String random() {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size()))
                + "-" + (1000 + random.nextInt(9000));
    }
}
