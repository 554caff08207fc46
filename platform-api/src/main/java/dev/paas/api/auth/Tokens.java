package dev.paas.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** API tokens: 256 random bits shown once to their owner; only their SHA-256 is stored. */
final class Tokens {
    private static final String PREFIX = "paas_";
    private static final MessageDigest SHA_256 = sha256Digest();
    private final SecureRandom random = new SecureRandom();

    String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Every request's token is hashed: a clone of one digest skips the provider lookup of getInstance. */
    static byte[] sha256(String token) {
        try {
            return ((MessageDigest) SHA_256.clone()).digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            return sha256Digest().digest(token.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
