package dev.ledgerloop.platform.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GuestAccessTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final byte[] SECRET = new byte[32];
    private static final GuestAccessTokens TOKENS = new GuestAccessTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private static final GuestAccessTokens.Claims CLAIMS = new GuestAccessTokens.Claims(
            UUID.randomUUID(), "guest-" + UUID.randomUUID(), UUID.randomUUID(), NOW.plusSeconds(60));

    @Test
    void a_minted_token_verifies_to_its_claims_until_it_expires() {
        String token = TOKENS.mint(CLAIMS);
        assertThat(token).startsWith("hlga_");
        assertThat(TOKENS.verify(token)).contains(CLAIMS);
        assertThat(TOKENS.verify(token).orElseThrow().principal())
                .isEqualTo(Principal.human(CLAIMS.spaceId(), CLAIMS.userId()));
        GuestAccessTokens later = new GuestAccessTokens(SECRET, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        assertThat(later.verify(token)).isEmpty();
    }

    @Test
    void a_changed_token_or_another_secret_verifies_to_nothing() {
        String token = TOKENS.mint(CLAIMS);
        byte[] other = Arrays.copyOf(SECRET, 32);
        other[0] = 1;
        assertThat(new GuestAccessTokens(other, Clock.fixed(NOW, ZoneOffset.UTC)).verify(token))
                .isEmpty();
        String body = token.substring(0, token.indexOf('.'));
        String mac = token.substring(token.indexOf('.'));
        assertThat(TOKENS.verify(body.substring(0, body.length() - 1) + "x" + mac))
                .isEmpty();
        assertThat(TOKENS.verify(token + "A")).isEmpty();
        assertThat(TOKENS.verify("hlga_")).isEmpty();
        assertThat(TOKENS.verify("hlga_.")).isEmpty();
        assertThat(TOKENS.verify("eyJhbGciOi.x.y")).isEmpty();
    }

    @Test
    void only_guest_ids_are_minted() {
        assertThatThrownBy(() -> TOKENS.mint(new GuestAccessTokens.Claims(
                        CLAIMS.spaceId(), "alice", CLAIMS.sessionId(), CLAIMS.expiresAt())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
