package dev.ledgerloop.events.chain;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * Walks a stream's events in order from the first and names the first broken link of the hash chain. Removing the
 * last events of a stream is not detectable from the stream alone (signed checkpoints over $all will cover it).
 */
public final class ChainVerifier {
    // A duplicated key would let the stored and the hashed reading of the metadata differ.
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .reader();

    private ChainVerifier() {}

    /** Empty when every link holds. */
    public static Optional<BrokenLink> verify(Iterable<ChainEntry> events) {
        String expectedPrevHash = HashChain.GENESIS;
        int index = 0;
        for (ChainEntry event : events) {
            ObjectNode metadata = readObject(event.metadata());
            if (metadata == null) {
                return Optional.of(new BrokenLink(index, null, BrokenLink.Reason.UNREADABLE_METADATA));
            }
            String eventId = metadata.path("eventId").asText(null);
            if (!expectedPrevHash.equals(
                    metadata.path(HashChain.PREV_HASH_FIELD).asText(null))) {
                return Optional.of(new BrokenLink(index, eventId, BrokenLink.Reason.PREV_HASH_MISMATCH));
            }
            String storedHash = metadata.path(HashChain.HASH_FIELD).asText(null);
            if (!HashChain.hash(metadata, event.ciphertext()).equals(storedHash)) {
                return Optional.of(new BrokenLink(index, eventId, BrokenLink.Reason.HASH_MISMATCH));
            }
            expectedPrevHash = storedHash;
            index++;
        }
        return Optional.empty();
    }

    private static ObjectNode readObject(byte[] json) {
        try {
            JsonNode node = READER.readTree(json);
            return node instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }
}
