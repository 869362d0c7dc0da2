package dev.ledgerloop.standalone.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.platform.principal.GuestAccessTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The scanner finds each kind of secret, and does not take ids or hashes for one. */
class SecretPatternsTest {
    @Test
    void each_kind_of_secret_is_found_and_not_shown() {
        String key = "hlp_" + "0123456789abcdef".repeat(4);
        String text = "key " + key + " guest hlg_AbCdEfGhIjKlMnOpQrSt secret whsec_QUJDREVGR0hJSktMTU5PUA== "
                + "token eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0ZXNzIn0.c2lnbmF0dXJl";

        assertThat(SecretPatterns.findIn(text))
                .hasSize(4)
                .noneMatch(found -> found.contains(key))
                .anyMatch(found -> found.startsWith("API key"))
                .anyMatch(found -> found.startsWith("guest token"))
                .anyMatch(found -> found.startsWith("webhook secret"))
                .anyMatch(found -> found.startsWith("JWT"));
    }

    @Test
    void a_guest_access_token_as_minted_is_found_and_not_shown() {
        String token = new GuestAccessTokens("principal secret".getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
                .mint(new GuestAccessTokens.Claims(
                        UUID.randomUUID(), "guest-" + UUID.randomUUID(), UUID.randomUUID(), Instant.now()));

        assertThat(SecretPatterns.findIn("Authorization: Bearer " + token))
                .singleElement()
                .asString()
                .startsWith("guest access token")
                .doesNotContain(token.substring(GuestAccessTokens.PREFIX.length()));
    }

    @Test
    void the_scanner_reads_what_is_logged() {
        SecretScanningAppender.takeLeaks();
        LoggerFactory.getLogger("dev.ledgerloop.standalone.secrets")
                .debug("a careless line with hlg_AbCdEfGhIjKlMnOpQrSt in it");

        assertThat(SecretScanningAppender.takeLeaks())
                .singleElement()
                .asString()
                .startsWith(
                        "DEBUG dev.ledgerloop.standalone.secrets: guest token in \"a careless line with <guest token>");
    }

    @Test
    void ids_hashes_and_prefixes_are_not_secrets() {
        assertThat(SecretPatterns.findIn("key id 3f2a, hash 9f86d081884c7d65, kinds hlp_ hlg_ hlga_ whsec_ eyJ"))
                .isEmpty();
    }
}
