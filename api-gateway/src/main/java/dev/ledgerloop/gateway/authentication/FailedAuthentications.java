package dev.ledgerloop.gateway.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import dev.ledgerloop.gateway.error.GatewayException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Counts failed authentications per client address in a token bucket: once an address has used its allowance, its
 * requests answer 429 before any credential is looked up, so guessing keys or tokens costs the gateway nothing and
 * tells the guesser nothing. Behind a reverse proxy the address is the proxy's unless the gateway is told to trust
 * forwarded headers ({@code server.forward-headers-strategy}, docs/api.md §Rate limits).
 */
@Component
@EnableConfigurationProperties(FailedAuthenticationProperties.class)
class FailedAuthentications {
    private static final String UNKNOWN_ADDRESS = "unknown";

    private final FailedAuthenticationProperties properties;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(1_000_000)
            .build();

    FailedAuthentications(FailedAuthenticationProperties properties, ObjectProvider<TimeMeter> clocks) {
        if (properties.capacity() < 1 || properties.refillPerMinute() < 1) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.failed-authentication.capacity",
                    "or refill-per-minute is below 1",
                    "Set both to at least 1");
        }
        this.properties = properties;
        this.clock = clocks.getIfAvailable(() -> TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** The 429 for an address that has failed too often lately, or empty when it may try. */
    Optional<GatewayException> refusal(InetSocketAddress client) {
        Bucket bucket = buckets.getIfPresent(key(client));
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return Optional.empty();
        }
        return Optional.of(GatewayException.rateLimited(
                "Too many failed authentications from this address",
                bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    void failed(InetSocketAddress client) {
        buckets.get(key(client), address -> newBucket()).tryConsume(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .withCustomTimePrecision(clock)
                .addLimit(limit -> limit.capacity(properties.capacity())
                        .refillGreedy(properties.refillPerMinute(), Duration.ofMinutes(1)))
                .build();
    }

    private static String key(InetSocketAddress client) {
        if (client == null || client.getAddress() == null) {
            return UNKNOWN_ADDRESS;
        }
        return client.getAddress().getHostAddress();
    }
}
