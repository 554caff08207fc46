package dev.paas.api.app;

import dev.paas.api.error.ApiFailure;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/** Heroku's app name rules, and random names such as {@code quiet-river-4821} when none is given. */
final class AppNames {
    // Heroku's rule, which makes the name a DNS label of its own (no leading or trailing dash). Double
    // dashes are refused too: "xn--" labels are punycode that browsers show as look-alike letters.
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{1,28}[a-z0-9]");
    private static final List<String> ADJECTIVES = List.of("quiet", "brave", "calm", "eager", "fancy", "gentle",
            "happy", "jolly", "lively", "misty", "polished", "proud", "shiny", "silent", "sunny", "swift", "tidy",
            "vast", "warm", "young");
    private static final List<String> NOUNS = List.of("river", "forest", "meadow", "harbor", "canyon", "island",
            "lake", "mountain", "ocean", "plateau", "reef", "ridge", "savanna", "summit", "valley", "brook", "dune",
            "glacier", "grove", "tundra");
    private final SecureRandom random = new SecureRandom();

    static String validate(String name) {
        if (name == null || !VALID.matcher(name).matches() || name.contains("--")) {
            throw ApiFailure.invalid("Name '" + name + "' is invalid: it must start with a lowercase letter, contain "
                    + "only lowercase letters, digits and single dashes, end with a letter or digit, and be 3 to 30 "
                    + "characters long (^[a-z][a-z0-9-]{1,28}[a-z0-9]$).");
        }
        return name;
    }

    String random() {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size()))
                + "-" + (1000 + random.nextInt(9000));
    }
}
