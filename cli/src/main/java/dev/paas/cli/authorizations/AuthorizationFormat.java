package dev.paas.cli.authorizations;

import dev.paas.cli.Format;
import dev.paas.client.Wire;
import java.util.LinkedHashMap;

/** How heroku authorizations:info and :create print one authorization. */
final class AuthorizationFormat {
    private AuthorizationFormat() {
    }

    static String details(Wire.OAuthAuthorization a) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("Client", "<none>");
        fields.put("ID", a.id().toString());
        fields.put("Description", a.description());
        fields.put("Scope", String.join(",", a.scope()));
        if (a.accessToken().token() != null) {
            fields.put("Token", a.accessToken().token());
        }
        fields.put("Expires in", expiresIn(a.accessToken().expiresIn()));
        fields.put("Created at", Format.time(a.createdAt()));
        return Format.aligned(fields);
    }

    static String expiresIn(Long seconds) {
        if (seconds == null) {
            return "(never)";
        }
        if (seconds == 0) {
            return "(expired)";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        return hours > 0 ? hours + "h " + minutes + "m" : minutes > 0 ? minutes + "m " + seconds % 60 + "s"
                : seconds + "s";
    }
}
