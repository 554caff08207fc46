package dev.paas.api.cert;

import java.security.Provider;
import java.security.Security;

/**
 * BouncyCastle's provider, made when first needed: it registers some hundreds of classes and algorithms,
 * which a platform that is never given a certificate to read nor one to order should not load at start.
 */
public final class BouncyCastle {
    private BouncyCastle() {
    }

    /** The provider, for code that names it (PEM parsing). */
    public static Provider provider() {
        return Holder.PROVIDER;
    }

    /**
     * Adds it to the JDK's providers, last, for libraries that look it up by name (acme4j's PEM keys), so
     * that the JDK's own stay the defaults for everything else. Idempotent.
     */
    public static synchronized void registerLast() {
        if (Security.getProvider(Holder.PROVIDER.getName()) == null) {
            Security.addProvider(Holder.PROVIDER);
        }
    }

    private static final class Holder {
        static final Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }
}
