package dev.ledgerloop.gateway.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MongoDB the gateway reads the {@code api_keys} and {@code agents} views from and keeps idempotent replies in
 * ({@code ledgerloop.gateway.mongodb.*}); the query side's database. Unset: only the bootstrap keys work, new agent
 * names are not registered and {@code Idempotency-Key} is refused.
 */
@ConfigurationProperties("ledgerloop.gateway.mongodb")
public record MongoProperties(
        String uri, @DefaultValue("ledgerloop") String database) {}
