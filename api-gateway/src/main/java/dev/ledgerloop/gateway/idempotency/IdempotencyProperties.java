package dev.ledgerloop.gateway.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code Idempotency-Key} on POSTs ({@code ledgerloop.gateway.idempotency.*}); needs the gateway's MongoDB.
 *
 * @param ttl how long a first answer is replayed for the same key
 * @param pendingTimeout how long a first request may take before its key is taken as abandoned (a gateway that died
 *     while waiting for the backend) and a retry may run again
 */
@ConfigurationProperties("ledgerloop.gateway.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("2m") Duration pendingTimeout) {}
