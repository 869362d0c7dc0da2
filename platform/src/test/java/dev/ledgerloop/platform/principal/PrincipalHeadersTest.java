package dev.ledgerloop.platform.principal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrincipalHeadersTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final Principal principal = Principal.agent(UUID.randomUUID(), UUID.randomUUID(), "support-bot", "k1");

    @Test
    void a_signed_principal_verifies() {
        PrincipalHeaders headers = at(NOW);

        Map<String, String> signed = headers.sign(principal);

        assertThat(verify(headers, signed)).contains(principal);
    }

    @Test
    void a_tampered_principal_is_refused() {
        PrincipalHeaders headers = at(NOW);
        Map<String, String> signed = headers.sign(principal);
        Map<String, String> forged = headers.sign(Principal.agent(UUID.randomUUID(), UUID.randomUUID(), "x", "k2"));

        assertThat(headers.verify(
                        forged.get(PrincipalHeaders.PRINCIPAL),
                        signed.get(PrincipalHeaders.TIMESTAMP),
                        signed.get(PrincipalHeaders.SIGNATURE)))
                .isEmpty();
    }

    @Test
    void a_signature_from_another_secret_is_refused() {
        byte[] other = "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed =
                new PrincipalHeaders(other, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5)).sign(principal);

        assertThat(verify(at(NOW), signed)).isEmpty();
    }

    @Test
    void an_old_signature_is_refused() {
        Map<String, String> signed = at(NOW).sign(principal);

        assertThat(verify(at(NOW.plus(Duration.ofMinutes(6))), signed)).isEmpty();
    }

    @Test
    void missing_or_garbled_headers_are_refused() {
        PrincipalHeaders headers = at(NOW);

        assertThat(headers.verify(null, null, null)).isEmpty();
        assertThat(headers.verify("!!", "not-a-number", "??")).isEmpty();
        assertThat(headers.verify("e30", "99999999999999999", "AA")).isEmpty();
        assertThat(headers.verify("e30", Long.toString(Long.MIN_VALUE), "AA")).isEmpty();
    }

    private static PrincipalHeaders at(Instant now) {
        return new PrincipalHeaders(SECRET, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(5));
    }

    private static java.util.Optional<Principal> verify(PrincipalHeaders headers, Map<String, String> signed) {
        return headers.verify(
                signed.get(PrincipalHeaders.PRINCIPAL),
                signed.get(PrincipalHeaders.TIMESTAMP),
                signed.get(PrincipalHeaders.SIGNATURE));
    }
}
