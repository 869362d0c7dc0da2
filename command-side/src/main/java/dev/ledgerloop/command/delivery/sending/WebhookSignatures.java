package dev.ledgerloop.command.delivery.sending;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs delivery bodies. Standard Webhooks: {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}, one per valid
 * secret, separated by spaces; the key is the base64-decoded part after {@code whsec_}. The Hiloop API's
 * {@code X-Hiloop-Signature: sha256=<hex HMAC-SHA256 of the body>} uses the newest secret's key the same way.
 */
final class WebhookSignatures {
    private static final String PREFIX = "whsec_";

    private WebhookSignatures() {}

    static String standard(List<String> secrets, String id, long timestampSeconds, String body) {
        byte[] content = (id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        return secrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), content)))
                .collect(Collectors.joining(" "));
    }

    static String hiloop(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(key(secret), body.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
