package dev.ledgerloop.gateway.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MongoDB the gateway reads the {@code api_keys} and {@code agents} views from and keeps idempotent replies in
 * ({@code ledgerloop.gateway.mongodb.*}); the query side's database. Unset: only the bootstrap keys work, new agent
 * names are not registered and {@code Idempotency-Key} is refused. {@code callDeadline}: how long a call may wait for
 * MongoDB's reply before it fails, unless {@code uri} sets its own {@code socketTimeoutMS} or {@code timeoutMS}.
 */
@ConfigurationProperties("ledgerloop.gateway.mongodb")
public record MongoProperties(
        String uri,
        @DefaultValue("ledgerloop") String database,
        @DefaultValue("60s") Duration callDeadline) {}
