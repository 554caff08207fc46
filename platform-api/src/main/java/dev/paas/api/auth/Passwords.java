package dev.paas.api.auth;

import dev.paas.api.error.ApiFailure;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 (the JDK's), a random 16-byte salt, and enough iterations that
 * guessing from a stolen hash is slow (OWASP's 600,000). The stored value names its parameters,
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, so the count can grow without locking anyone out.
 */
public final class Passwords {
    static final int ITERATIONS = 600_000;
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 1024;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Verified against when a user has no password, so an unknown email costs as long as a wrong password. */
    private static final String DECOY = hash("decoy password, never matches", 16);

    private Passwords() {
    }

    /** Refuses a password too short or too long to be one, with what to do about it. */
    public static void validate(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ApiFailure.invalid("The password must have at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            throw ApiFailure.invalid("The password must have at most " + MAX_LENGTH + " characters.");
        }
    }

    public static String hash(String password) {
        return hash(password, ITERATIONS);
    }

    static String hash(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + iterations + "$" + b64(salt) + "$" + b64(derive(password, salt, iterations));
    }

    /** Whether {@code password} matches {@code stored}; a null {@code stored} (no password set) never does. */
    public static boolean matches(String password, String stored) {
        boolean decoy = stored == null;
        String[] parts = (decoy ? DECOY : stored).split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME) || password == null || password.length() > MAX_LENGTH) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = derive(password, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual) && !decoy;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
