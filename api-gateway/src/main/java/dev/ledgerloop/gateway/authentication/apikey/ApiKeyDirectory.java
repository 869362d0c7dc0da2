package dev.ledgerloop.gateway.authentication.apikey;

import reactor.core.publisher.Mono;

/**
 * Where the gateway looks API keys up. Keys are only ever stored as SHA-256 hashes. Today one bootstrap key from
 * configuration ({@link BootstrapApiKeyDirectory}); a later issue adds keys stored in MongoDB and provisioning.
 */
public interface ApiKeyDirectory {

    /**
     * The key whose SHA-256 hash (lowercase hex of the whole {@code hlp_...} string) is {@code keyHash}, or empty for
     * an unknown key. Implementations that compare hashes themselves compare in constant time.
     */
    Mono<ApiKey> findByHash(String keyHash);
}
