package dev.ledgerloop.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerloop.sdk.LedgerloopException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    private static final byte[] KEY = "0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final byte[] BODY = "{\"id\":\"d1\",\"type\":\"session.created\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void a_standard_webhooks_signature_verifies_also_beside_an_old_secrets_one() throws Exception {
        String timestamp = String.valueOf(NOW.getEpochSecond());
        String signature = "v1," + Base64.getEncoder().encodeToString(hmac(("d1." + timestamp + ".").getBytes(), BODY));

        assertThatCode(() -> WebhookSignatures.verifyStandardWebhooks(
                        SECRET,
                        "d1",
                        timestamp,
                        "v1,b2xkLXNpZ25hdHVyZQ== " + signature,
                        BODY,
                        CLOCK,
                        Duration.ofMinutes(5)))
                .doesNotThrowAnyException();
    }

    @Test
    void another_body_id_or_a_stale_timestamp_does_not_verify() throws Exception {
        String timestamp = String.valueOf(NOW.getEpochSecond());
        String signature = "v1," + Base64.getEncoder().encodeToString(hmac(("d1." + timestamp + ".").getBytes(), BODY));

        assertThatThrownBy(() -> WebhookSignatures.verifyStandardWebhooks(
                        SECRET, "d2", timestamp, signature, BODY, CLOCK, Duration.ofMinutes(5)))
                .isInstanceOf(LedgerloopException.class)
                .extracting(e -> ((LedgerloopException) e).code())
                .isEqualTo(WebhookSignatures.INVALID);
        assertThatThrownBy(() -> WebhookSignatures.verifyStandardWebhooks(
                        SECRET, "d1", timestamp, signature, "{}".getBytes(), CLOCK, Duration.ofMinutes(5)))
                .isInstanceOf(LedgerloopException.class);
        assertThatThrownBy(() -> WebhookSignatures.verifyStandardWebhooks(
                        SECRET,
                        "d1",
                        timestamp,
                        signature,
                        BODY,
                        Clock.offset(CLOCK, Duration.ofMinutes(6)),
                        Duration.ofMinutes(5)))
                .isInstanceOf(LedgerloopException.class);
    }

    @Test
    void the_hiloop_signature_is_the_hex_hmac_of_the_body() throws Exception {
        String header = "sha256=" + HexFormat.of().formatHex(hmac(new byte[0], BODY));

        assertThatCode(() -> WebhookSignatures.verifyHiloopSignature(SECRET, header, BODY))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookSignatures.verifyHiloopSignature(SECRET, header, "{}".getBytes()))
                .isInstanceOf(LedgerloopException.class);
        assertThatThrownBy(() -> WebhookSignatures.verifyHiloopSignature(SECRET, "sha1=00", BODY))
                .isInstanceOf(LedgerloopException.class);
    }

    private static byte[] hmac(byte[] prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        mac.update(prefix);
        return mac.doFinal(body);
    }
}
