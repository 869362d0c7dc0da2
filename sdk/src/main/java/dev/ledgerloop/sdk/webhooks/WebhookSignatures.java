package dev.ledgerloop.sdk.webhooks;

import dev.ledgerloop.sdk.LedgerloopException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signatures of a webhook delivery (docs/api.md "Webhook signing") with the endpoint's {@code whsec_}
 * secret: the Standard Webhooks headers ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature})
 * and {@code X-Hiloop-Signature}. Pass the body exactly as received, before any JSON parsing. A failure throws {@link
 * LedgerloopException} with code {@link #INVALID} (status 0); answer such a request 400 and do not act on it.
 */
public final class WebhookSignatures {
    /** The error code of a delivery whose signature does not verify. */
    public static final String INVALID = "WEBHOOK_SIGNATURE_INVALID";
    /** How far a delivery's timestamp may be from now (Standard Webhooks' usual 5 minutes). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String SECRET_PREFIX = "whsec_";

    private WebhookSignatures() {}

    /**
     * Checks the Standard Webhooks signature: one of the space-separated {@code v1,<base64>} signatures must be the
     * HMAC-SHA256 of {@code "<id>.<timestamp>.<body>"}, and the timestamp within {@link #DEFAULT_TOLERANCE} of now.
     */
    public static void verifyStandardWebhooks(
            String secret, String webhookId, String webhookTimestamp, String webhookSignature, byte[] body) {
        verifyStandardWebhooks(
                secret, webhookId, webhookTimestamp, webhookSignature, body, Clock.systemUTC(), DEFAULT_TOLERANCE);
    }

    /** The same with a clock and tolerance of your own. */
    public static void verifyStandardWebhooks(
            String secret,
            String webhookId,
            String webhookTimestamp,
            String webhookSignature,
            byte[] body,
            Clock clock,
            Duration tolerance) {
        if (webhookId == null || webhookTimestamp == null || webhookSignature == null || body == null) {
            throw invalid("a webhook-id, webhook-timestamp or webhook-signature header is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(webhookTimestamp.trim());
        } catch (NumberFormatException e) {
            throw invalid("webhook-timestamp is not a number of seconds");
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant())
                .abs();
        if (skew.compareTo(tolerance) > 0) {
            throw invalid("webhook-timestamp is too far from now");
        }
        byte[] prefix = (webhookId + "." + webhookTimestamp.trim() + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        byte[] expected = hmac(key(secret), signed);
        for (String signature : webhookSignature.trim().split("\\s+")) {
            if (!signature.startsWith("v1,")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(signature.substring(3));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw invalid("no v1 signature in webhook-signature matches");
    }

    /** Checks {@code X-Hiloop-Signature: sha256=<hex HMAC-SHA256 of the body>} (signed with the newest secret). */
    public static void verifyHiloopSignature(String secret, String hiloopSignature, byte[] body) {
        if (hiloopSignature == null || !hiloopSignature.trim().startsWith("sha256=") || body == null) {
            throw invalid("X-Hiloop-Signature is missing or not sha256=<hex>");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hiloopSignature.trim().substring(7).toLowerCase());
        } catch (IllegalArgumentException e) {
            throw invalid("X-Hiloop-Signature is not hexadecimal");
        }
        if (!MessageDigest.isEqual(hmac(key(secret), body), given)) {
            throw invalid("X-Hiloop-Signature does not match");
        }
    }

    private static byte[] key(String secret) {
        if (secret == null) {
            throw new IllegalArgumentException("The webhook secret is required");
        }
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A webhook secret is whsec_ and base64", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static LedgerloopException invalid(String why) {
        return new LedgerloopException(0, INVALID, "Webhook signature does not verify: " + why);
    }
}
