package dev.paas.builder.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.builder.build.BuildFailure;
import dev.paas.client.ProcessTypes;
import dev.paas.client.Wire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code healthchecks} of an app.json, in Dokku's format: by process type, a list of checks. Only
 * this key is read here; any other key of app.json is someone else's. Every check comes out with its
 * defaults filled in (Dokku's: 3 attempts, 5 s timeout, 5 s wait, no initial delay), and anything
 * malformed fails the build with the field's path, such as {@code healthchecks.web[0].attempts}.
 */
public final class AppJsonHealthchecks {
    public static final String FILE = "app.json";
    static final int ATTEMPTS = 3;
    static final int TIMEOUT = 5;
    static final int WAIT = 5;
    private static final int MAX_CHECKS = 10;
    private static final int MAX_SECONDS = 3600;
    private static final Set<String> TYPES = Set.of("startup", "readiness", "liveness");
    private static final Set<String> FIELDS = Set.of("type", "name", "description", "path", "content", "command",
            "listening", "attempts", "timeout", "wait", "initialDelay");
    /** Dokku's, which this platform does not run: refused rather than silently not checked. */
    private static final Set<String> UNSUPPORTED = Set.of("httpHeaders", "port", "scheme", "uptime", "warn",
            "onFailure");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AppJsonHealthchecks() {
    }

    /** The checks by process type; empty when app.json has no {@code healthchecks}. */
    public static Map<String, List<Wire.HealthCheck>> parse(String appJson) {
        JsonNode root;
        try {
            root = JSON.readTree(appJson);
        } catch (JsonProcessingException e) {
            throw fail("is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw fail("must be a JSON object, such as {\"healthchecks\": {\"web\": [...]}}.");
        }
        JsonNode all = root.get("healthchecks");
        if (all == null || all.isNull()) {
            return Map.of();
        }
        if (!all.isObject()) {
            throw fail("healthchecks must be an object of process types, such as {\"web\": [{\"path\": \"/health\"}]}.");
        }
        var result = new LinkedHashMap<String, List<Wire.HealthCheck>>();
        for (var entry : all.properties()) {
            String type = entry.getKey();
            String at = "healthchecks." + type;
            if (!type.matches("[A-Za-z0-9_-]{1,30}")) {
                throw fail(at + ": '" + type + "' is not a process type name (letters, digits, '-' or '_').");
            }
            if (!entry.getValue().isArray()) {
                throw fail(at + " must be a list of checks.");
            }
            if (entry.getValue().size() > MAX_CHECKS) {
                throw fail(at + " has " + entry.getValue().size() + " checks; at most " + MAX_CHECKS + " are allowed.");
            }
            var checks = new ArrayList<Wire.HealthCheck>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                checks.add(check(at + "[" + i + "]", ProcessTypes.isWeb(type), entry.getValue().get(i)));
            }
            result.put(type, List.copyOf(checks));
        }
        return result;
    }

    /** A check of a process type that the build does not have would never run: refused, naming the ones there are. */
    public static void requireTypes(Map<String, List<Wire.HealthCheck>> checks, Set<String> processTypes) {
        for (String type : checks.keySet()) {
            if (!processTypes.contains(type)) {
                throw fail("healthchecks." + type + ": the app has no process type '" + type + "' (it has: "
                        + (processTypes.isEmpty() ? "none" : String.join(", ", processTypes.stream().sorted().toList()))
                        + "). Add it to the Procfile or remove its checks.");
            }
        }
    }

    private static Wire.HealthCheck check(String at, boolean web, JsonNode node) {
        if (!node.isObject()) {
            throw fail(at + " must be an object, such as {\"type\": \"startup\", \"path\": \"/health\"}.");
        }
        for (var field : node.properties()) {
            if (UNSUPPORTED.contains(field.getKey())) {
                throw fail(at + "." + field.getKey() + " is not supported here: checks go over HTTP to the process's "
                        + "$PORT. Remove it.");
            }
            if (!FIELDS.contains(field.getKey())) {
                throw fail(at + "." + field.getKey() + " is not a health check field (known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ").");
            }
        }
        String type = text(at, node, "type", "startup");
        if (!TYPES.contains(type)) {
            throw fail(at + ".type must be startup, readiness or liveness, got '" + type + "'.");
        }
        String path = text(at, node, "path", null);
        String content = text(at, node, "content", null);
        List<String> command = command(at, node);
        boolean listening = bool(at, node);
        int kinds = (path != null ? 1 : 0) + (command != null ? 1 : 0) + (listening ? 1 : 0);
        if (kinds != 1) {
            throw fail(at + " must check exactly one of: path (an HTTP GET), command (run in the container) or "
                    + "listening: true (the port accepts connections).");
        }
        if (path != null && !path.startsWith("/")) {
            throw fail(at + ".path must start with '/', got '" + path + "'.");
        }
        if (content != null && path == null) {
            throw fail(at + ".content is the body an HTTP check expects: give a path too.");
        }
        if ((path != null || listening) && !web) {
            throw fail(at + ": only web processes have a port to check; use a command check instead.");
        }
        return new Wire.HealthCheck(type, text(at, node, "name", null), path, content, command,
                listening ? Boolean.TRUE : null, number(at, node, "attempts", ATTEMPTS, 1, 100),
                number(at, node, "timeout", TIMEOUT, 1, MAX_SECONDS), number(at, node, "wait", WAIT, 0, MAX_SECONDS),
                number(at, node, "initialDelay", 0, 0, MAX_SECONDS));
    }

    private static String text(String at, JsonNode node, String field, String otherwise) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 1000) {
            throw fail(at + "." + field + " must be a non-empty string (at most 1000 characters).");
        }
        return v.asText();
    }

    private static List<String> command(String at, JsonNode node) {
        JsonNode v = node.get("command");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.isEmpty()) {
            throw fail(at + ".command must be a non-empty list of strings, such as [\"/app/bin/check\", \"--quick\"].");
        }
        var words = new ArrayList<String>();
        for (JsonNode word : v) {
            if (!word.isTextual()) {
                throw fail(at + ".command must be a list of strings, got " + word + ".");
            }
            words.add(word.asText());
        }
        return List.copyOf(words);
    }

    private static boolean bool(String at, JsonNode node) {
        JsonNode v = node.get("listening");
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw fail(at + ".listening must be true or false, got " + v + ".");
        }
        return v.asBoolean();
    }

    private static int number(String at, JsonNode node, String field, int otherwise, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw fail(at + "." + field + " must be a whole number from " + min + " to " + max + ", got " + v + ".");
        }
        return v.asInt();
    }

    private static BuildFailure fail(String what) {
        return new BuildFailure(FILE + ": " + what);
    }
}
