package dev.ledgerloop.gateway.authentication.jwt;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How humans' Bearer JWTs are checked ({@code ledgerloop.gateway.jwt.*}); documented in the module's README.
 *
 * @param issuer the only accepted {@code iss}; unset: every Bearer token is refused
 * @param publicKey the verification key(s): a PEM public key, a JWK or a JWK set (JSON)
 * @param jwkSetUri where to fetch the issuer's JWK set instead (cached, refreshed on unknown key ids)
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 * @param audience when set, the {@code aud} a token must name (tokens minted for another service are refused)
 */
@ConfigurationProperties("ledgerloop.gateway.jwt")
public record JwtProperties(
        String issuer,
        String publicKey,
        URI jwkSetUri,
        @DefaultValue("60s") Duration clockSkew,
        String audience) {

    boolean configured() {
        return issuer != null && !issuer.isBlank();
    }
}
