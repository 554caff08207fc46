package dev.paas.api.cert;

import dev.paas.api.error.ApiFailure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private keys before they reach the database: AES-256-GCM with the key from {@code PAAS_SECRETS_KEY},
 * a random 12-byte nonce per seal, stored in front of the ciphertext. A database dump alone reveals no key.
 */
public final class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final Optional<SecretKeySpec> key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(Optional<byte[]> key) {
        this.key = key.map(k -> new SecretKeySpec(Arrays.copyOf(k, k.length), "AES"));
    }

    public boolean configured() {
        return key.isPresent();
    }

    /** Fails with 503 (saying how to fix it) when no key is configured. */
    public void requireConfigured() {
        require();
    }

    public byte[] seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, require(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String open(byte[] sealed) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, require(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            // A different PAAS_SECRETS_KEY than the one that sealed it: say so, never the data.
            throw new IllegalStateException("a sealed key does not open with PAAS_SECRETS_KEY: was the key changed?");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private SecretKeySpec require() {
        return key.orElseThrow(() -> ApiFailure.unavailable("This platform has no PAAS_SECRETS_KEY, so it cannot "
                + "keep private keys: set it (base64 of 32 random bytes) in the API's environment and restart."));
    }
}
