package dev.paas.cli.ps;

import dev.paas.cli.UserError;
import dev.paas.client.Wire.FormationUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses {@code web=2}, {@code worker=1:standard-2X} and {@code web:standard-2X}, as heroku ps:scale does. */
final class ScaleArgs {
    private static final Pattern FORM =
            Pattern.compile("([A-Za-z0-9_-]+)(?:=(\\d{1,4}))?(?::([A-Za-z0-9-]+))?");

    private ScaleArgs() {
    }

    static List<FormationUpdate> parse(List<String> args) {
        var updates = new ArrayList<FormationUpdate>();
        for (String arg : args) {
            var m = FORM.matcher(arg);
            if (!m.matches() || (m.group(2) == null && m.group(3) == null)) {
                throw new UserError("'" + arg + "' is not TYPE=QUANTITY[:SIZE]. Example: paas ps:scale web=2 "
                        + "worker=1:standard-2X (quantities are whole numbers from 0).");
            }
            Integer quantity = m.group(2) == null ? null : Integer.valueOf(m.group(2));
            updates.add(new FormationUpdate(m.group(1), quantity, m.group(3)));
        }
        return updates;
    }
}
