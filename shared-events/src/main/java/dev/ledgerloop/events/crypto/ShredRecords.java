package dev.ledgerloop.events.crypto;

/**
 * Whether the log records a stream's shredding. The log is authoritative: a key document restored from a backup must
 * not bring a shredded stream's content back, so the keyring asks before it uses a key it has not cached.
 */
@FunctionalInterface
public interface ShredRecords {
    ShredRecords NONE = streamId -> false;

    boolean isShredded(String streamId);
}
