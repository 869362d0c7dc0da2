package dev.ledgerloop.query.live;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the long-lived requests ({@code await}, streams) each credential and each space holds open, and refuses one
 * more beyond the limits with 429: they hold no thread, but each holds a connection and memory, and without a bound
 * one careless or hostile client could take them all from every tenant.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveProperties.class)
public class LiveConnections {
    private final LiveProperties limits;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    LiveConnections(LiveProperties limits, MeterRegistry registry) {
        this.limits = limits;
        Gauge.builder("ledgerloop.live.connections", total, AtomicInteger::get)
                .description("Long-polls and streams open on this instance")
                .register(registry);
    }

    /**
     * Counts one more long-lived request of this principal.
     *
     * @return what ends the count, to run once when the request ends (running it again does nothing)
     * @throws ApiException 429 when the principal or its space already holds as many as allowed
     */
    public Runnable open(Principal principal) {
        String space = principal.spaceId().toString();
        String credential = credentialOf(principal);
        if (!take(space, limits.maxPerSpace())) {
            throw refused("this space", limits.maxPerSpace());
        }
        if (!take(credential, limits.maxPerPrincipal())) {
            give(space);
            throw refused("this credential", limits.maxPerPrincipal());
        }
        total.incrementAndGet();
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                total.decrementAndGet();
                give(credential);
                give(space);
            }
        };
    }

    /** Whether the principal holds a long-lived request (a stream, an await) open on this instance now. */
    public boolean holdsOpen(Principal principal) {
        return open.containsKey(credentialOf(principal));
    }

    private static String credentialOf(Principal principal) {
        return principal.spaceId() + "/" + principal.kind() + "/" + principal.subjectId();
    }

    private boolean take(String key, int limit) {
        AtomicBoolean taken = new AtomicBoolean();
        open.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limit) {
                return count;
            }
            taken.set(true);
            return now + 1;
        });
        return taken.get();
    }

    private void give(String key) {
        open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    private static ApiException refused(String whose, int limit) {
        return new ApiException(
                ErrorCode.RATE_LIMITED,
                "Too many open long-polls and streams for " + whose + " (at most " + limit
                        + "); close one or wait for one to end");
    }
}
