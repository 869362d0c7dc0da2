package dev.ledgerloop.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.chain.CanonicalJson;
import dev.ledgerloop.events.chain.HashChain;
import dev.ledgerloop.events.crypto.AssociatedData;
import dev.ledgerloop.events.crypto.AtRestCipher;
import dev.ledgerloop.events.crypto.DataKey;
import dev.ledgerloop.events.crypto.Keyring;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns an event into what the event store appends — encrypted payload and chained clear metadata — and back. The
 * hash chain is not checked on decode; that is {@link dev.ledgerloop.events.chain.ChainVerifier}'s job.
 */
public final class EventCodec {
    private final Keyring keyring;
    private final AtRestCipher cipher;
    private final Upcasters upcasters;

    public EventCodec(Keyring keyring, AtRestCipher cipher, Upcasters upcasters) {
        this.keyring = keyring;
        this.cipher = cipher;
        this.upcasters = upcasters;
    }

    /**
     * @param partialMetadata the caller's part: sequence, actor, correlation and causation ids, occurredAt; event id,
     *     space, aggregate and schema version may be left empty and are filled in (or must agree), key id and hashes
     *     are the codec's
     * @param prevHash the hash of the stream's previous event, or {@link HashChain#GENESIS} for its first
     */
    public EncodedEvent encode(
            String spaceId,
            String streamId,
            UUID eventId,
            AggregateEvent event,
            EventMetadata partialMetadata,
            String prevHash) {
        StreamName stream = StreamNames.parse(streamId);
        if (stream.aggregateType() != event.aggregateType()
                || !stream.aggregateId().equals(event.aggregateId())) {
            throw new IllegalArgumentException(
                    "An event of " + event.aggregateType().value() + " " + event.aggregateId()
                            + " does not belong on stream " + streamId);
        }
        EventType type = EventTypes.of(event);
        DataKey key = keyring.dataKeyFor(spaceId, streamId);
        byte[] ciphertext = cipher.encrypt(
                key, new AssociatedData(streamId, eventId, type.name(), type.schemaVersion()), payload(event));
        EventMetadata unhashed =
                partialMetadata.complete(eventId, spaceId, stream, type.schemaVersion(), key.keyId(), prevHash);
        // One tree for both: the hash leaves its own field out, so adding it afterwards gives toJson()'s bytes.
        ObjectNode tree = unhashed.toJsonTree();
        String hash = HashChain.hash(tree, ciphertext);
        tree.put(HashChain.HASH_FIELD, hash);
        return new EncodedEvent(type.name(), ciphertext, CanonicalJson.write(tree), unhashed.withHash(hash));
    }

    /**
     * @throws dev.ledgerloop.events.crypto.DataKeyNotFoundException if the stream was crypto-shredded
     * @throws dev.ledgerloop.events.crypto.DecryptionFailedException if the ciphertext was altered or moved here from
     *     another event
     */
    public AggregateEvent decode(String streamId, String eventType, byte[] ciphertext, byte[] metadataJson) {
        EventMetadata metadata = EventMetadata.fromJson(metadataJson);
        EventType type = EventTypes.named(eventType)
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type " + eventType));
        DataKey key = keyring.dataKeyOf(
                required(metadata.spaceId(), "spaceId"), streamId, required(metadata.keyId(), "keyId"));
        byte[] plaintext = cipher.decrypt(
                key,
                new AssociatedData(
                        streamId, required(metadata.eventId(), "eventId"), eventType, metadata.schemaVersion()),
                ciphertext);
        try {
            JsonNode stored = Json.MAPPER.readTree(plaintext);
            JsonNode current = upcasters.upcast(eventType, metadata.schemaVersion(), type.schemaVersion(), stored);
            return Json.MAPPER.treeToValue(current, type.recordClass());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The payload of event " + metadata.eventId() + " does not map to " + eventType, e);
        }
    }

    /**
     * A payload as stored (decrypted at rest), read as its event, as an evidence bundle holds it. Every type is at its
     * first schema version, so there is nothing to upcast.
     *
     * @throws IllegalArgumentException for an unknown type or a payload that does not map to it
     */
    public static AggregateEvent readPayload(String eventType, byte[] payload) {
        EventType type = EventTypes.named(eventType)
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type " + eventType));
        try {
            return Json.MAPPER.readValue(payload, type.recordClass());
        } catch (IOException e) {
            throw new IllegalArgumentException("The payload does not map to " + eventType, e);
        }
    }

    private static byte[] payload(AggregateEvent event) {
        try {
            return Json.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }

    private static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> "Event metadata has no " + field);
    }
}
