package dev.ledgerloop.platform.principal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens of guests who joined a session through its public link, without an account: {@code hlga_} then
 * base64url of {@code {"v":1,"space","sub","session","exp"}}, a dot, and base64url of its HMAC-SHA256. The command side
 * mints one when a guest joins; the gateway accepts it as a Bearer token for {@code /v1/human/**}, as the human
 * {@code sub} (always {@code guest-<uuid>}). The key is derived from the principal signing secret that only the
 * gateway and the backends hold, so no new secret has to be configured; changing that secret ends every guest's access.
 */
public final class GuestAccessTokens {
    public static final String PREFIX = "hlga_";
    private static final byte[] KEY_LABEL = "ledgerloop/guest-access-token/v1".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 1_000;

    /** What a guest access token says. */
    public record Claims(UUID spaceId, String userId, UUID sessionId, Instant expiresAt) {
        public Principal principal() {
            return Principal.human(spaceId, userId);
        }
    }

    private final SecretKeySpec key;
    private final Clock clock;

    /** {@code principalSecret}: the gateway's and backends' shared principal signing secret. */
    public GuestAccessTokens(byte[] principalSecret, Clock clock) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(principalSecret, "HmacSHA256"), KEY_LABEL), "HmacSHA256");
        this.clock = clock;
    }

    public static boolean looksLikeOne(String token) {
        return token.startsWith(PREFIX);
    }

    public String mint(Claims claims) {
        if (!Principal.isGuestId(claims.userId())) {
            throw new IllegalArgumentException("A guest's user id starts with " + Principal.GUEST_PREFIX);
        }
        ObjectNode payload = JSON.createObjectNode()
                .put("v", 1)
                .put("space", claims.spaceId().toString())
                .put("sub", claims.userId())
                .put("session", claims.sessionId().toString())
                .put("exp", claims.expiresAt().getEpochSecond());
        String body = ENCODER.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return PREFIX + body + "." + ENCODER.encodeToString(hmac(key, body.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The claims of a token minted with this key and not yet expired; empty for anything else. */
    public Optional<Claims> verify(String token) {
        if (token == null || token.length() > MAX_LENGTH || !looksLikeOne(token)) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String body = rest.substring(0, dot);
        try {
            byte[] expected = hmac(key, body.getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, DECODER.decode(rest.substring(dot + 1)))) {
                return Optional.empty();
            }
            JsonNode payload = JSON.readTree(DECODER.decode(body));
            Instant expiresAt = Instant.ofEpochSecond(payload.path("exp").asLong());
            String userId = payload.path("sub").asText();
            if (payload.path("v").asInt() != 1
                    || !clock.instant().isBefore(expiresAt)
                    || !Principal.isGuestId(userId)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(
                    UUID.fromString(payload.path("space").asText()),
                    userId,
                    UUID.fromString(payload.path("session").asText()),
                    expiresAt));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
