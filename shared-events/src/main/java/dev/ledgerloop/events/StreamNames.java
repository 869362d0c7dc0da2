package dev.ledgerloop.events;

import java.util.Optional;
import java.util.UUID;

/** Stream naming (docs/architecture.md §Event model): one stream per aggregate, {@code <aggregate type>-<uuid>}. */
public final class StreamNames {
    private static final int UUID_LENGTH = 36;

    private StreamNames() {}

    public static String of(AggregateType type, UUID id) {
        return new StreamName(type, id).toString();
    }

    public static String session(UUID id) {
        return of(AggregateType.SESSION, id);
    }

    public static String invocation(UUID id) {
        return of(AggregateType.INVOCATION, id);
    }

    public static String agent(UUID id) {
        return of(AggregateType.AGENT, id);
    }

    public static String webhook(UUID id) {
        return of(AggregateType.WEBHOOK, id);
    }

    public static String delivery(UUID id) {
        return of(AggregateType.DELIVERY, id);
    }

    /** EventStoreDB's own streams ({@code $all}, {@code $$metadata}, ...), which every subscriber ignores. */
    public static boolean isSystem(String name) {
        return name.startsWith("$");
    }

    /** The aggregate a stream belongs to, or empty for a system stream or any name we did not write. */
    public static Optional<StreamName> tryParse(String name) {
        int dash = name.indexOf('-');
        if (dash < 0 || name.length() - dash - 1 != UUID_LENGTH) {
            return Optional.empty();
        }
        String prefix = name.substring(0, dash);
        String id = name.substring(dash + 1);
        for (AggregateType type : AggregateType.values()) {
            if (type.value().equals(prefix)) {
                return canonicalUuid(id).map(uuid -> new StreamName(type, uuid));
            }
        }
        return Optional.empty();
    }

    public static StreamName parse(String name) {
        return tryParse(name).orElseThrow(() -> new IllegalArgumentException("Not an aggregate stream name: " + name));
    }

    // UUID.fromString is lenient ("1-1-1-1-1" parses); only the form we write may round-trip.
    private static Optional<UUID> canonicalUuid(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equals(text) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
