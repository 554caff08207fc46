package dev.paas.api.formation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paas.api.error.ApiFailure;
import dev.paas.client.Wire;
import java.util.List;
import java.util.Map;

/**
 * A formation update as clients send it. {@code quantity} is a whole number, or, as the heroku CLI's
 * ps:scale sends it, a string: {@code "2"}, or {@code "+1"} / {@code "-1"} relative to the quantity now.
 */
public record ScaleRequest(String type, JsonNode quantity, String size) {

    record Batch(List<ScaleRequest> updates) {
    }

    /** The update with an absolute quantity; a relative one counts from {@code current} (0 for a type not scaled yet). */
    Wire.FormationUpdate resolve(Map<String, Integer> current) {
        if (quantity == null || quantity.isNull()) {
            return new Wire.FormationUpdate(type, null, size);
        }
        if (quantity.isIntegralNumber() && quantity.canConvertToInt()) {
            return new Wire.FormationUpdate(type, quantity.intValue(), size);
        }
        String text = quantity.isTextual() ? quantity.textValue().trim() : "";
        if (!text.matches("[+-]?\\d{1,4}")) {
            throw ApiFailure.badRequest("Field 'quantity' of '" + type + "' must be a whole number, or a string such "
                    + "as \"2\", \"+1\" or \"-1\"; got " + quantity + ".");
        }
        int value = Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
        boolean relative = text.startsWith("+") || text.startsWith("-");
        return new Wire.FormationUpdate(type, relative ? current.getOrDefault(type, 0) + value : value, size);
    }
}
