package dev.ledgerloop.platform.principal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the principal the gateway forwards to the backends, so that a backend reached around the
 * gateway refuses the call. Three headers: the principal as base64url JSON, the signing time, and
 * HMAC-SHA256(secret, time + "." + principal) in base64url. A signature older than the allowed skew is refused, so a
 * captured header cannot be replayed for long.
 */
public final class PrincipalHeaders {
    public static final String PRINCIPAL = "X-Ledgerloop-Principal";
    public static final String TIMESTAMP = "X-Ledgerloop-Principal-Timestamp";
    public static final String SIGNATURE = "X-Ledgerloop-Principal-Signature";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration maxSkew;

    /** {@code secret} must hold at least 32 bytes; it is shared by the gateway and the backends only. */
    public PrincipalHeaders(byte[] secret, Clock clock, Duration maxSkew) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("The principal signing secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /** The three header values, in the order PRINCIPAL, TIMESTAMP, SIGNATURE. */
    public Map<String, String> sign(Principal principal) {
        String encoded = ENCODER.encodeToString(toJson(principal));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(PRINCIPAL, encoded);
        headers.put(TIMESTAMP, timestamp);
        headers.put(SIGNATURE, ENCODER.encodeToString(mac(timestamp + "." + encoded)));
        return headers;
    }

    /** The principal, if the three headers are present, well-formed, fresh and correctly signed. */
    public Optional<Principal> verify(String principal, String timestamp, String signature) {
        if (principal == null || timestamp == null || signature == null) {
            return Optional.empty();
        }
        try {
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
            if (Duration.between(signedAt, clock.instant()).abs().compareTo(maxSkew) > 0) {
                return Optional.empty();
            }
            byte[] expected = mac(timestamp + "." + principal);
            if (!MessageDigest.isEqual(expected, DECODER.decode(signature))) {
                return Optional.empty();
            }
            return Optional.of(JSON.readValue(DECODER.decode(principal), Principal.class));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] toJson(Principal principal) {
        try {
            return JSON.writeValueAsBytes(principal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
