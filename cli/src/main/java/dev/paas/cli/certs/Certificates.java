package dev.paas.cli.certs;

import dev.paas.cli.Format;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import dev.paas.client.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/** What the certs commands share: reading PEM files, picking the certificate, printing its details. */
final class Certificates {
    private Certificates() {
    }

    /** A file named relative to the directory the command runs in. */
    static String read(Session session, String file, String what) {
        try {
            return Files.readString(session.config().workDir().resolve(Path.of(file)));
        } catch (IOException e) {
            throw new UserError("Cannot read the " + what + " file " + file + ": " + e.getMessage());
        }
    }

    /** The named certificate, or the app's only one. */
    static Wire.SniEndpoint pick(Session session, String app, String name) {
        if (name != null) {
            return session.client().sniEndpoint(app, name);
        }
        var all = session.client().sniEndpoints(app);
        if (all.isEmpty()) {
            throw new UserError(app + " has no SSL certificates. Add one with paas certs:add CRT KEY.");
        }
        if (all.size() > 1) {
            throw new UserError(app + " has " + all.size() + " certificates: pass --name, one of "
                    + String.join(", ", all.stream().map(Wire.SniEndpoint::name).toList()) + ".");
        }
        return all.get(0);
    }

    static void confirm(Session session, String app, String confirm, String warning) {
        String typed = confirm != null ? confirm : session.readLine(" ▸    " + warning + "\n ▸    To proceed, type "
                + app + " or re-run this command with --confirm " + app + "\n\n> ");
        if (typed == null || !typed.trim().equals(app)) {
            throw new UserError("Confirmation " + (typed == null ? "missing" : "'" + typed.trim() + "'")
                    + " did not match " + app + ". To proceed, type " + app + " or re-run this command with --confirm "
                    + app);
        }
    }

    static void details(Session session, Wire.SniEndpoint cert, String title) {
        var ssl = cert.sslCert();
        var fields = new LinkedHashMap<String, String>();
        fields.put("Name", cert.name());
        fields.put("Common Name(s)", String.join(", ", ssl.certDomains()));
        fields.put("Domain(s)", cert.domains().isEmpty() ? "(none of the app's)" : String.join(", ", cert.domains()));
        fields.put("Expires At", Format.time(ssl.expiresAt()));
        fields.put("Issuer", ssl.issuer());
        fields.put("Starts At", Format.time(ssl.startsAt()));
        fields.put("Subject", ssl.subject());
        fields.put("Type", ssl.acm() ? "ACM" : "SNI");
        session.out().println(title);
        session.out().print(Format.aligned(fields));
        session.out().println(ssl.caSigned() ? "SSL certificate is verified by a root authority."
                : ssl.selfSigned() ? "SSL certificate is self signed." : "SSL certificate is not trusted.");
    }
}
