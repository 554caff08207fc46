package dev.paas.builder.buildpack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** The CA bundle (PEM) as a PKCS12 trust store, for Java build tools, which do not read PEM bundles. */
final class TrustStore {
    static final String PASSWORD = "changeit";

    private TrustStore() {
    }

    static void write(Path pemBundle, Path target) {
        try (InputStream in = Files.newInputStream(pemBundle); OutputStream out = Files.newOutputStream(target)) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            store.store(out, PASSWORD.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA bundle " + pemBundle, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot turn the CA bundle " + pemBundle + " into a trust store", e);
        }
    }
}
