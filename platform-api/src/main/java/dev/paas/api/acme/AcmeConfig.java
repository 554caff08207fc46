package dev.paas.api.acme;

import dev.paas.common.env.Env;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where automatic certificates (ACM) come from.
 *
 * @param directoryUrl {@code PAAS_ACME_DIRECTORY_URL}: the ACME directory (Let's Encrypt's production one by default)
 * @param email        {@code PAAS_ACME_EMAIL}: the account's contact, for the CA's expiry notices; optional
 * @param caFile       {@code PAAS_ACME_CA_FILE}: a PEM CA certificate to trust for the directory's HTTPS besides the
 *                     JDK's roots (a private ACME CA); optional
 * @param interval     {@code PAAS_ACME_INTERVAL_SECONDS}: how often the worker looks for domains due an order (60)
 * @param retry        {@code PAAS_ACME_RETRY_SECONDS}: the first wait after a failed order, doubled each time (60)
 * @param maxAttempts  {@code PAAS_ACME_MAX_ATTEMPTS}: failed orders before a domain is {@code failed} (5)
 */
public record AcmeConfig(URI directoryUrl, Optional<String> email, Optional<Path> caFile, Duration interval,
                         Duration retry, int maxAttempts) {
    static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";

    public static AcmeConfig fromEnv(Env env) {
        var caFile = env.optional("PAAS_ACME_CA_FILE").map(Path::of);
        if (caFile.isPresent() && !Files.isReadable(caFile.get())) {
            throw Env.bad("PAAS_ACME_CA_FILE", "a readable PEM file", caFile.get().toString());
        }
        var email = env.optional("PAAS_ACME_EMAIL");
        if (email.isPresent() && !email.get().matches("[^@\\s]+@[^@\\s]+")) {
            throw Env.bad("PAAS_ACME_EMAIL", "an email address", email.get());
        }
        return new AcmeConfig(env.url("PAAS_ACME_DIRECTORY_URL", LETS_ENCRYPT), email, caFile,
                env.seconds("PAAS_ACME_INTERVAL_SECONDS", 60, 1, 86400),
                env.seconds("PAAS_ACME_RETRY_SECONDS", 60, 1, 86400),
                env.integer("PAAS_ACME_MAX_ATTEMPTS", 5, 1, 100));
    }
}
