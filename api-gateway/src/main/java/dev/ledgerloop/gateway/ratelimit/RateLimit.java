package dev.ledgerloop.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledgerloop.gateway.authentication.AuthenticatedPrincipal;
import dev.ledgerloop.gateway.authentication.AuthenticationFilter;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.principal.Principal;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A token bucket (Bucket4j) per API key and per human, in this gateway's memory: over the limit answers 429
 * {@code RATE_LIMITED} with {@code Retry-After} in whole seconds (docs/api.md §Errors). Several gateway instances each
 * keep their own buckets, so the effective limit is per instance.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimit implements WebFilter, Ordered {
    private final RateLimitProperties properties;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;

    RateLimit(RateLimitProperties properties, ObjectProvider<TimeMeter> clocks) {
        if (properties.enabled() && (properties.capacity() < 1 || properties.refillPerSecond() < 1)) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.rate-limit.capacity",
                    "or refill-per-second is below 1",
                    "Set both to at least 1, or rate-limit.enabled to false");
        }
        this.properties = properties;
        this.clock = clocks.getIfAvailable(() -> TimeMeter.SYSTEM_MILLISECONDS);
        // A bucket idle long enough is full again, so forgetting it changes nothing.
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(1_000_000)
                .build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<Principal> principal = AuthenticatedPrincipal.of(exchange);
        if (!properties.enabled() || principal.isEmpty()) {
            return chain.filter(exchange);
        }
        ConsumptionProbe probe =
                buckets.get(credentialOf(principal.get()), key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return chain.filter(exchange);
        }
        return Mono.error(GatewayException.rateLimited("Too many requests", probe.getNanosToWaitForRefill()));
    }

    /** The API key for agents and provisioning (whatever agent name it acts as), the user for humans. */
    static String credentialOf(Principal principal) {
        if (principal.isHuman()) {
            return "human:" + principal.spaceId() + ":" + principal.subjectId();
        }
        return "key:" + principal.spaceId() + ":" + principal.kind() + ":" + principal.keyId();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .withCustomTimePrecision(clock)
                .addLimit(limit -> limit.capacity(properties.capacity())
                        .refillGreedy(properties.refillPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    @Override
    public int getOrder() {
        return AuthenticationFilter.ORDER + 10;
    }
}
