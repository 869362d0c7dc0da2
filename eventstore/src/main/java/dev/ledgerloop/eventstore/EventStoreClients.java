package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import java.util.Locale;

/**
 * The EventStoreDB client a service uses for as long as it runs. db-client-java gives up after {@code
 * maxDiscoverAttempts} failed connection attempts (10 by default, about two seconds against a single node that is
 * down) and shuts itself down for good: every later call fails with {@code ConnectionShutdownException}, even once the
 * node is back. A service must outlive a restart of its event store, so unless the connection string says otherwise
 * the client keeps trying; meanwhile each call fails at its deadline as {@link EventStoreUnavailableException}.
 */
public final class EventStoreClients {
    // Not Integer.MAX_VALUE: the client loops while attempts <= max + 1, which would overflow and never connect.
    static final String KEEP_TRYING = "maxDiscoverAttempts=" + (Integer.MAX_VALUE - 1);

    private EventStoreClients() {}

    public static EventStoreDBClient create(String connectionString) {
        return EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(keepTrying(connectionString)));
    }

    static String keepTrying(String connectionString) {
        if (connectionString.toLowerCase(Locale.ROOT).contains("maxdiscoverattempts=")) {
            return connectionString;
        }
        return connectionString + (connectionString.contains("?") ? "&" : "?") + KEEP_TRYING;
    }
}
