package dev.ledgerloop.command.log;

import dev.ledgerloop.events.merkle.NoteSigner;
import java.util.Base64;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The checkpoint signer, from the configured key (the embedded default generates one with its other secrets). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogProperties.class)
class LogConfiguration {

    @Bean
    NoteSigner checkpointSigner(LogProperties properties) {
        String key = properties.signingKey();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(
                    "ledgerloop.log.signing-key (LEDGERLOOP_LOG_SIGNING_KEY) is not set: give it"
                            + " the base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ledgerloop.log.signing-key is not base64");
        }
        if (seed.length != 32) {
            throw new IllegalStateException("ledgerloop.log.signing-key must be the base64 of 32 bytes");
        }
        return new NoteSigner(properties.name(), seed);
    }
}
