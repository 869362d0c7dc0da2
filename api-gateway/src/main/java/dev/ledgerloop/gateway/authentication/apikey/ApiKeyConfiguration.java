package dev.ledgerloop.gateway.authentication.apikey;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.store.GatewayDatabase;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the key directory: the bootstrap key, and the stored keys when a MongoDB is configured. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiKeyStoreProperties.class)
class ApiKeyConfiguration {

    @Bean
    ApiKeyDirectory apiKeyDirectory(
            GatewayProperties properties, ApiKeyStoreProperties keys, GatewayDatabase database) {
        ApiKeyDirectory bootstrap = BootstrapApiKeyDirectory.from(properties);
        return database.database()
                .<ApiKeyDirectory>map(
                        mongo -> new StoredApiKeyDirectory(bootstrap, mongo, keys.cacheTtl(), keys.unknownCacheTtl()))
                .orElse(bootstrap);
    }

    @Bean
    ProvisioningKeys provisioningKeys(GatewayProperties properties, ApiKeyStoreProperties keys) {
        return ProvisioningKeys.from(properties, keys);
    }
}
