package dev.paas.api.configvar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.error.ApiFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A validated PATCH of config vars: names to set and names to unset ({@code null} values).
 * Pure: applying it to a config gives the next config, or refuses when it grows too large.
 */
public record ConfigChange(Map<String, String> set, List<String> unset) {
    static final int MAX_VALUE_BYTES = 32 * 1024;
    static final int MAX_TOTAL_BYTES = 64 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,199}");

    public static ConfigChange parse(JsonNode body) {
        if (body.isEmpty()) {
            throw ApiFailure.invalid("No config vars given. Send e.g. {\"FOO\": \"bar\"} to set FOO, "
                    + "or {\"FOO\": null} to unset it.");
        }
        var set = new LinkedHashMap<String, String>();
        var unset = new ArrayList<String>();
        var fields = body.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String name = field.getKey();
            if (!NAME.matcher(name).matches()) {
                throw ApiFailure.invalid("Config var name '" + name + "' is invalid: use letters, digits and "
                        + "underscores, not starting with a digit (at most 200 characters).");
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                unset.add(name);
            } else if (value.isTextual()) {
                if (value.textValue().indexOf('\0') >= 0) {
                    throw ApiFailure.invalid("Config var " + name + " contains a NUL character, which no "
                            + "environment variable can hold. Remove it.");
                }
                if (value.textValue().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                    throw ApiFailure.invalid("Config var " + name + " is larger than " + MAX_VALUE_BYTES + " bytes.");
                }
                set.put(name, value.textValue());
            } else {
                throw ApiFailure.invalid("Config var " + name + " must be a string (or null to unset it), got "
                        + value.getNodeType().toString().toLowerCase() + ".");
            }
        }
        return new ConfigChange(set, unset);
    }

    /** The part of this change that would change {@code config}: no setting a var to its value, no unsetting a missing one. */
    ConfigChange effectiveOn(Map<String, String> config) {
        var changed = new LinkedHashMap<String, String>();
        set.forEach((name, value) -> {
            if (!value.equals(config.get(name))) {
                changed.put(name, value);
            }
        });
        return new ConfigChange(changed, unset.stream().filter(config::containsKey).toList());
    }

    boolean isEmpty() {
        return set.isEmpty() && unset.isEmpty();
    }

    Map<String, String> applyTo(Map<String, String> config) {
        var next = new TreeMap<>(config);
        unset.forEach(next::remove);
        next.putAll(set);
        int total = next.entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
        if (total > MAX_TOTAL_BYTES) {
            throw ApiFailure.invalid("Config would grow to " + total + " bytes; the limit is " + MAX_TOTAL_BYTES
                    + " bytes in all. Unset vars you no longer need.");
        }
        return next;
    }

    /** Heroku's wording: "Set FOO, BAR config vars", "Remove FOO config vars". */
    String description() {
        var parts = new ArrayList<String>();
        if (!set.isEmpty()) {
            parts.add("Set " + String.join(", ", set.keySet()) + " config vars");
        }
        if (!unset.isEmpty()) {
            parts.add((parts.isEmpty() ? "Remove " : "remove ") + String.join(", ", unset) + " config vars");
        }
        return String.join(" and ", parts);
    }
}
