package dev.paas.api.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the token in a log session's URL. The URL is fetched without the API token (the
 * heroku CLI streams it with a bare EventSource), so the URL itself says, under an HMAC, which API
 * token asked for which app's lines, and until when the URL may be opened. Who may read is decided
 * again when streaming: the API token must still hold and still see the app.
 */
public final class LogSessionTokens {
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final ObjectMapper json;
    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration lifetime;

    /** What a session's URL grants; {@code expiresAt} bounds when it may be opened, not how long a tail lasts. */
    record Claims(UUID session, UUID app, UUID token, Instant expiresAt, String dyno, String source, int lines,
                  boolean tail) {
    }

    /** {@code key}: at least 32 random bytes, kept by this process only, so URLs die with it. */
    public LogSessionTokens(ObjectMapper json, byte[] key, Clock clock, Duration lifetime) {
        if (key.length < 32) {
            throw new IllegalArgumentException("log session key must have at least 32 bytes");
        }
        this.json = json;
        this.key = new SecretKeySpec(key.clone(), HMAC);
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Claims claims(UUID app, UUID token, String dyno, String source, int lines, boolean tail) {
        return new Claims(UUID.randomUUID(), app, token, clock.instant().plus(lifetime), dyno, source, lines, tail);
    }

    String sign(Claims claims) {
        try {
            String payload = B64.encodeToString(json.writeValueAsBytes(claims));
            return payload + "." + B64.encodeToString(mac(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("log session claims are not serializable", e);
        }
    }

    /** The claims of a token this process signed and that has not expired; empty for anything else. */
    Optional<Claims> verify(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), given)) {
            return Optional.empty();
        }
        try {
            Claims claims = json.readValue(Base64.getUrlDecoder().decode(payload), Claims.class);
            return claims.expiresAt().isAfter(clock.instant()) ? Optional.of(claims) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
