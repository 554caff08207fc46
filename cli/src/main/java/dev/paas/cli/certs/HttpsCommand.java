package dev.paas.cli.certs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Format;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import dev.paas.client.Wire;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "https", description = {"Show or set an app's HTTPS options:",
        "  --redirect on|off  answer plain HTTP with a redirect (308) to HTTPS",
        "  --hsts on|off      send Strict-Transport-Security over HTTPS"})
public final class HttpsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Option(names = "--redirect", paramLabel = "on|off", description = "redirect HTTP to HTTPS")
    String redirect;
    @Option(names = "--hsts", paramLabel = "on|off", description = "send Strict-Transport-Security")
    String hsts;

    HttpsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        Wire.HttpsOptions options;
        if (redirect == null && hsts == null) {
            options = session.client().httpsOptions(name);
        } else {
            var update = new Wire.HttpsOptionsUpdate(onOff("--redirect", redirect), onOff("--hsts", hsts));
            session.action("Setting HTTPS options of " + Format.app(name));
            options = session.client().updateHttpsOptions(name, update);
            session.done("");
        }
        var fields = new LinkedHashMap<String, String>();
        fields.put("Redirect HTTP", options.redirectHttp() ? "on" : "off");
        fields.put("HSTS", options.hsts() ? "on" : "off");
        fields.put("ACM", options.acm() ? "on" : "off");
        session.out().println(Format.header(name + " HTTPS"));
        session.out().print(Format.aligned(fields));
        return 0;
    }

    private static Boolean onOff(String flag, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new UserError(flag + " takes on or off, not '" + value + "'.");
        };
    }
}
