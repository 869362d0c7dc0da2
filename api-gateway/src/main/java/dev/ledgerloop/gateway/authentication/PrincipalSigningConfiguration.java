package dev.ledgerloop.gateway.authentication;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import dev.ledgerloop.platform.principal.GuestAccessTokens;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The principal signer, from {@code ledgerloop.gateway.principal-secret}; the gateway does not start without it. */
@Configuration(proxyBeanMethods = false)
class PrincipalSigningConfiguration {
    static final String SECRET_PROPERTY = "ledgerloop.gateway.principal-secret";
    private static final String HOW = "Set it (or LEDGERLOOP_GATEWAY_PRINCIPAL_SECRET) to the base64 of at least 32"
            + " random bytes, e.g. `openssl rand -base64 32`, and give the backends the same value.";

    @Bean
    PrincipalHeaders principalHeaders(GatewayProperties properties) {
        // Only signing happens here, so the allowed skew (a verifier's concern) plays no part.
        return new PrincipalHeaders(secret(properties.principalSecret()), Clock.systemUTC(), Duration.ofMinutes(5));
    }

    @Bean
    GuestAccessTokens guestAccessTokens(GatewayProperties properties) {
        return new GuestAccessTokens(secret(properties.principalSecret()), Clock.systemUTC());
    }

    /** Decodes the secret; the messages never include its value. */
    static byte[] secret(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new InvalidConfigurationException(SECRET_PROPERTY, "is not set", HOW);
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(SECRET_PROPERTY, "is not valid base64", HOW);
        }
        if (secret.length < 32) {
            throw new InvalidConfigurationException(
                    SECRET_PROPERTY, "holds " + secret.length + " bytes, fewer than the 32 required", HOW);
        }
        return secret;
    }
}
