package dev.ledgerloop.events.chain;

/** The first place a stream's hash chain does not hold: position in the stream, event id (if readable), why. */
public record BrokenLink(int index, String eventId, Reason reason) {

    public enum Reason {
        /** The event does not point at the hash of the event before it: one was removed, inserted or reordered. */
        PREV_HASH_MISMATCH,
        /** The stored hash is not the hash of this event's metadata and ciphertext: one of them was altered. */
        HASH_MISMATCH,
        /** The metadata is not a JSON object, so nothing in it can be checked. */
        UNREADABLE_METADATA
    }
}
