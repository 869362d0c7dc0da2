package dev.ledgerloop.gateway.authentication.apikey;

import dev.ledgerloop.gateway.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the key directory; the MongoDB-backed one of a later issue replaces this bean. */
@Configuration(proxyBeanMethods = false)
class ApiKeyConfiguration {

    @Bean
    ApiKeyDirectory apiKeyDirectory(GatewayProperties properties) {
        return BootstrapApiKeyDirectory.from(properties);
    }
}
