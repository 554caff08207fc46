package dev.paas.builder.appjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.client.DynoSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an app's app.json asks of its first deploy, Heroku's app setup: config vars ({@code env}), initial process
 * scale ({@code formation}) and add-ons ({@code addons}). Other keys (name, description, healthchecks, ...) are not
 * this class's to read. Parsing is pure and refuses a wrong type naming the field, so a bad file changes nothing.
 */
public record AppJson(List<EnvVar> env, Map<String, Scale> formation, List<String> addons) {
    public static final AppJson NONE = new AppJson(List.of(), Map.of(), List.of());
    static final int MAX_QUANTITY = 100;
    static final String SECRET = "secret";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,199}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    private static final Pattern PLAN = Pattern.compile("[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9.-]*)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A config var: a fixed {@code value}, or a {@code generator} ("secret"), or neither (then required or skipped). */
    public record EnvVar(String name, String value, String generator, boolean required) {
    }

    /** A process type's initial scale; either may be null (left as the first deploy sets it). */
    public record Scale(Integer quantity, String size) {
    }

    public boolean isEmpty() {
        return env.isEmpty() && formation.isEmpty() && addons.isEmpty();
    }

    /** Refuses bad JSON or a wrong type with an {@link InvalidAppJson} that names the field and how to fix it. */
    public static AppJson parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidAppJson("app.json is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + ". Fix it and push again.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("the file", "must be a JSON object, such as {\"env\": {}}");
        }
        return new AppJson(env(root.get("env")), formation(root.get("formation")), addons(root.get("addons")));
    }

    private static List<EnvVar> env(JsonNode env) {
        if (absent(env)) {
            return List.of();
        }
        if (!env.isObject()) {
            throw invalid("env", "must be an object of config vars, such as {\"SECRET_KEY\": {\"generator\": "
                    + "\"secret\"}}");
        }
        var vars = new ArrayList<EnvVar>();
        env.fields().forEachRemaining(field -> vars.add(envVar(field.getKey(), field.getValue())));
        return List.copyOf(vars);
    }

    private static EnvVar envVar(String name, JsonNode spec) {
        String at = "env." + name;
        if (!NAME.matcher(name).matches()) {
            throw invalid(at, "is not a valid config var name: use letters, digits and underscores, not starting "
                    + "with a digit");
        }
        if (spec.isTextual()) {
            return new EnvVar(name, spec.textValue(), null, true);
        }
        if (!spec.isObject()) {
            throw invalid(at, "must be a string (its value) or an object such as {\"value\": \"...\"} or "
                    + "{\"generator\": \"secret\"}");
        }
        text(spec.get("description"), at + ".description");
        String value = text(spec.get("value"), at + ".value");
        String generator = text(spec.get("generator"), at + ".generator");
        JsonNode required = spec.get("required");
        if (!absent(required) && !required.isBoolean()) {
            throw invalid(at + ".required", "must be true or false");
        }
        if (generator != null && !generator.equals(SECRET)) {
            throw invalid(at + ".generator", "must be \"secret\" (the only generator), got \"" + generator + "\"");
        }
        if (generator != null && value != null) {
            throw invalid(at, "has both a value and a generator: keep one");
        }
        if (value != null && value.indexOf('\0') >= 0) {
            throw invalid(at + ".value", "contains a NUL character, which no environment variable can hold");
        }
        return new EnvVar(name, value, generator, absent(required) || required.booleanValue());
    }

    private static Map<String, Scale> formation(JsonNode formation) {
        if (absent(formation)) {
            return Map.of();
        }
        if (!formation.isObject()) {
            throw invalid("formation", "must be an object of process types, such as {\"web\": {\"quantity\": 2, "
                    + "\"size\": \"standard-2X\"}}");
        }
        var scales = new LinkedHashMap<String, Scale>();
        formation.fields().forEachRemaining(field -> {
            String at = "formation." + field.getKey();
            if (!TYPE.matcher(field.getKey()).matches()) {
                throw invalid(at, "is not a process type name");
            }
            JsonNode spec = field.getValue();
            if (!spec.isObject()) {
                throw invalid(at, "must be an object such as {\"quantity\": 1, \"size\": \"standard-1X\"}");
            }
            JsonNode quantity = spec.get("quantity");
            Integer count = null;
            if (!absent(quantity)) {
                if (!quantity.isIntegralNumber() || !quantity.canConvertToInt() || quantity.intValue() < 0
                        || quantity.intValue() > MAX_QUANTITY) {
                    throw invalid(at + ".quantity", "must be a whole number from 0 to " + MAX_QUANTITY + ", got "
                            + quantity);
                }
                count = quantity.intValue();
            }
            String size = text(spec.get("size"), at + ".size");
            if (size != null) {
                size = DynoSize.of(size).map(DynoSize::wireName).orElseThrow(() -> invalid(at + ".size",
                        "is not a size here; sizes: " + String.join(", ", DynoSize.names())));
            }
            if (count == null && size == null) {
                throw invalid(at, "needs a quantity and/or a size");
            }
            scales.put(field.getKey(), new Scale(count, size));
        });
        return Map.copyOf(scales);
    }

    private static List<String> addons(JsonNode addons) {
        if (absent(addons)) {
            return List.of();
        }
        if (!addons.isArray()) {
            throw invalid("addons", "must be a list of plans, such as [\"heroku-postgresql\"] or "
                    + "[{\"plan\": \"heroku-postgresql:essential-0\"}]");
        }
        var plans = new ArrayList<String>();
        for (int i = 0; i < addons.size(); i++) {
            String at = "addons[" + i + "]";
            JsonNode addon = addons.get(i);
            String plan;
            if (addon.isTextual()) {
                plan = addon.textValue();
            } else if (addon.isObject()) {
                plan = text(addon.get("plan"), at + ".plan");
                if (plan == null) {
                    throw invalid(at + ".plan", "is missing: name the plan, such as \"heroku-postgresql\"");
                }
                at = at + ".plan";
            } else {
                throw invalid(at, "must be a plan name or an object with a \"plan\"");
            }
            if (!PLAN.matcher(plan).matches()) {
                throw invalid(at, "is not a plan name such as \"heroku-postgresql\" or "
                        + "\"heroku-postgresql:essential-0\", got \"" + plan + "\"");
            }
            plans.add(plan);
        }
        return List.copyOf(plans);
    }

    private static String text(JsonNode node, String at) {
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(at, "must be a string, got " + node.getNodeType().toString().toLowerCase());
        }
        return node.textValue();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static InvalidAppJson invalid(String field, String problem) {
        return new InvalidAppJson("app.json is invalid: " + field + " " + problem + ". Fix it and push again.");
    }

    /** An app.json this platform cannot follow; the message names the field. */
    public static final class InvalidAppJson extends RuntimeException {
        InvalidAppJson(String message) {
            super(message);
        }
    }
}
