package dev.ledgerloop.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings the command side and the query side read, each also an environment variable
 * ({@code ledgerloop.eventstore.connection-string} is {@code LEDGERLOOP_EVENTSTORE_CONNECTION_STRING}). Secrets have no
 * default and are never logged.
 *
 * @param eventstore where the event log is
 * @param mongodb where the key store, the views and the processors' tokens are
 * @param crypto the master key the at-rest keys derive from
 * @param principal the secret the gateway signs the principal header with
 * @param publicUrl where users reach the gateway, for links the API hands out (guest tokens' {@code publicUrl})
 */
@ConfigurationProperties("ledgerloop")
public record LedgerloopProperties(
        @DefaultValue EventStore eventstore,
        @DefaultValue Mongo mongodb,
        @DefaultValue Crypto crypto,
        @DefaultValue PrincipalCheck principal,
        @DefaultValue("http://localhost:8080") String publicUrl) {

    /**
     * @param connectionString an EventStoreDB connection string, e.g. {@code esdb://localhost:2113?tls=false}
     * @param callDeadline how long one call (an append, a read page) may take before it fails and the request
     *     answers 503 (docs/concurrency.md)
     */
    public record EventStore(
            @DefaultValue("esdb://localhost:2113?tls=false") String connectionString,
            @DefaultValue("10s") Duration callDeadline) {}

    /**
     * @param callDeadline how long a call may wait for MongoDB's reply before it fails, unless {@code uri} sets its own
     *     {@code socketTimeoutMS} or {@code timeoutMS} (docs/concurrency.md)
     */
    public record Mongo(
            @DefaultValue("mongodb://localhost:27017") String uri,
            @DefaultValue("ledgerloop") String database,
            @DefaultValue("60s") Duration callDeadline) {}

    /** @param masterKey base64 of 32 random bytes; losing it loses every event's content */
    public record Crypto(
            String masterKey, @DefaultValue("10000") int cachedDataKeys) {
        @Override
        public String toString() {
            return "Crypto[masterKey=" + (masterKey == null ? "unset" : "(set)") + ", cachedDataKeys=" + cachedDataKeys
                    + "]";
        }
    }

    /**
     * @param secret base64 of at least 32 bytes, the same as the gateway's {@code ledgerloop.gateway.principal-secret}
     * @param maxSkew how old a signed principal may be
     */
    public record PrincipalCheck(
            String secret, @DefaultValue("5m") Duration maxSkew) {
        @Override
        public String toString() {
            return "PrincipalCheck[secret=" + (secret == null ? "unset" : "(set)") + ", maxSkew=" + maxSkew + "]";
        }
    }
}
