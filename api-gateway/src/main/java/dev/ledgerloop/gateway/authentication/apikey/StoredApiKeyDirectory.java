package dev.ledgerloop.gateway.authentication.apikey;

import static com.mongodb.client.model.Filters.eq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The bootstrap key, then the keys issued through provisioning, looked up by hash in the query side's {@code api_keys}
 * view, with its {@code permissions} (none stored: {@code ["agent"]}). A found key is cached for a few seconds (so a revoked key stops within the TTL plus the view's lag); an
 * unknown one for a moment only ({@code unknown-cache-ttl}, 1 s), so a client repeating a wrong key costs one look-up
 * per moment and a key just issued works almost as soon as the view has it.
 */
final class StoredApiKeyDirectory implements ApiKeyDirectory {
    static final String COLLECTION = "api_keys";

    private final ApiKeyDirectory bootstrap;
    private final MongoCollection<Document> keys;
    private final Cache<String, ApiKey> found;
    private final Cache<String, Boolean> unknown;

    StoredApiKeyDirectory(ApiKeyDirectory bootstrap, MongoDatabase database, Duration cacheTtl, Duration unknownTtl) {
        this.bootstrap = bootstrap;
        this.keys = database.getCollection(COLLECTION);
        this.found = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(100_000)
                .build();
        this.unknown = Caffeine.newBuilder()
                .expireAfterWrite(unknownTtl)
                .maximumSize(100_000)
                .build();
    }

    @Override
    public Mono<ApiKey> findByHash(String keyHash) {
        return bootstrap.findByHash(keyHash).switchIfEmpty(Mono.defer(() -> stored(keyHash)));
    }

    private Mono<ApiKey> stored(String keyHash) {
        ApiKey cached = found.getIfPresent(keyHash);
        if (cached != null) {
            return Mono.just(cached);
        }
        if (unknown.getIfPresent(keyHash) != null) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> lookUp(keyHash))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(key -> found.put(keyHash, key))
                .switchIfEmpty(Mono.fromRunnable(() -> unknown.put(keyHash, true)));
    }

    private ApiKey lookUp(String keyHash) {
        Document document = keys.find(eq("keyHash", keyHash)).first();
        if (document == null || Boolean.TRUE.equals(document.getBoolean("revoked"))) {
            return null;
        }
        return new ApiKey(
                document.getString("_id"),
                UUID.fromString(document.getString("spaceId")),
                UUID.fromString(document.getString("agentId")),
                document.getString("agentName"),
                // Absent from a view built before keys had permissions: the key acts as its own agent only.
                document.getList("permissions", String.class));
    }
}
