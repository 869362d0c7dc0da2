package dev.ledgerloop.events.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void an_intact_stream_verifies() {
        assertThat(ChainVerifier.verify(chainOf(5))).isEmpty();
    }

    @Test
    void an_empty_stream_verifies() {
        assertThat(ChainVerifier.verify(List.of())).isEmpty();
    }

    @Test
    void the_first_event_points_at_genesis() throws Exception {
        List<ChainEntry> chain = chainOf(1);

        assertThat(MAPPER.readTree(chain.get(0).metadata()).get("prevHash").asText())
                .isEqualTo("0".repeat(64));
    }

    @Test
    void altered_metadata_breaks_that_event() {
        List<ChainEntry> chain = chainOf(5);
        chain.set(2, withMetadata(chain.get(2), metadata -> metadata.put("sequence", 99)));

        assertBrokenAt(chain, 2, BrokenLink.Reason.HASH_MISMATCH);
    }

    @Test
    void an_altered_ciphertext_breaks_that_event() {
        List<ChainEntry> chain = chainOf(5);
        byte[] ciphertext = chain.get(3).ciphertext().clone();
        ciphertext[7] ^= 1;
        chain.set(3, new ChainEntry(chain.get(3).metadata(), ciphertext));

        assertBrokenAt(chain, 3, BrokenLink.Reason.HASH_MISMATCH);
    }

    @Test
    void an_altered_event_whose_hash_was_recomputed_breaks_the_next_link() {
        List<ChainEntry> chain = chainOf(5);
        chain.set(1, withMetadata(chain.get(1), metadata -> {
            metadata.put("sequence", 99);
            metadata.put("hash", HashChain.hash(metadata, chain.get(1).ciphertext()));
        }));

        assertBrokenAt(chain, 2, BrokenLink.Reason.PREV_HASH_MISMATCH);
    }

    @Test
    void a_removed_event_breaks_the_link_after_the_gap() {
        List<ChainEntry> chain = chainOf(5);
        chain.remove(2);

        assertBrokenAt(chain, 2, BrokenLink.Reason.PREV_HASH_MISMATCH);
    }

    @Test
    void a_removed_first_event_breaks_the_genesis_link() {
        List<ChainEntry> chain = chainOf(3);
        chain.remove(0);

        assertBrokenAt(chain, 0, BrokenLink.Reason.PREV_HASH_MISMATCH);
    }

    @Test
    void reordered_events_break_at_the_first_one_out_of_place() {
        List<ChainEntry> chain = chainOf(5);
        Collections.swap(chain, 1, 3);

        assertBrokenAt(chain, 1, BrokenLink.Reason.PREV_HASH_MISMATCH);
    }

    @Test
    void unreadable_metadata_is_named() {
        List<ChainEntry> chain = chainOf(3);
        chain.set(
                1,
                new ChainEntry(
                        "not json".getBytes(StandardCharsets.UTF_8),
                        chain.get(1).ciphertext()));

        assertThat(ChainVerifier.verify(chain))
                .hasValue(new BrokenLink(1, null, BrokenLink.Reason.UNREADABLE_METADATA));
    }

    @Test
    void metadata_with_a_duplicated_property_is_unreadable() {
        List<ChainEntry> chain = chainOf(2);
        String json = new String(chain.get(1).metadata(), StandardCharsets.UTF_8);
        String duplicated = json.substring(0, json.length() - 1) + ",\"sequence\":7}";
        chain.set(
                1,
                new ChainEntry(
                        duplicated.getBytes(StandardCharsets.UTF_8),
                        chain.get(1).ciphertext()));

        assertThat(ChainVerifier.verify(chain))
                .hasValue(new BrokenLink(1, null, BrokenLink.Reason.UNREADABLE_METADATA));
    }

    @Test
    void the_tracing_ids_the_event_store_client_adds_to_the_metadata_are_not_part_of_the_chain() {
        List<ChainEntry> chain = chainOf(3);
        chain.replaceAll(entry -> withMetadata(
                entry, metadata -> metadata.put("$traceId", "4bf92f3577b34da6").put("$spanId", "00f067aa0ba902b7")));

        assertThat(ChainVerifier.verify(chain)).isEmpty();
    }

    @Test
    void the_hash_does_not_depend_on_how_the_stored_json_is_laid_out() throws Exception {
        ObjectNode metadata = metadata(UUID.randomUUID(), 0, HashChain.GENESIS);
        ObjectNode reordered = MAPPER.createObjectNode();
        List<String> names = new ArrayList<>();
        metadata.fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        names.forEach(name -> reordered.set(name, metadata.get(name)));
        byte[] ciphertext = {1, 2, 3};

        assertThat(HashChain.hash(reordered, ciphertext)).isEqualTo(HashChain.hash(metadata, ciphertext));
        assertThat(HashChain.hash((ObjectNode) MAPPER.readTree(metadata.toPrettyString()), ciphertext))
                .isEqualTo(HashChain.hash(metadata, ciphertext));
    }

    @Test
    void the_hash_is_sha256_over_prev_hash_bytes_canonical_metadata_and_ciphertext() throws Exception {
        ObjectNode metadata = MAPPER.createObjectNode().put("z", 1).put("prevHash", "11".repeat(32));
        byte[] ciphertext = {9, 8, 7};
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(HexFormat.of().parseHex("11".repeat(32)));
        sha256.update(("{\"prevHash\":\"" + "11".repeat(32) + "\",\"z\":1}").getBytes(StandardCharsets.UTF_8));
        sha256.update(ciphertext);

        assertThat(HashChain.hash(metadata, ciphertext))
                .isEqualTo(HexFormat.of().formatHex(sha256.digest()));
    }

    private static void assertBrokenAt(List<ChainEntry> chain, int index, BrokenLink.Reason reason) {
        String eventId = eventId(chain.get(index));
        assertThat(ChainVerifier.verify(chain)).hasValue(new BrokenLink(index, eventId, reason));
    }

    /** A chained stream of events with random ciphertexts, built the way the codec chains them. */
    private static List<ChainEntry> chainOf(int events) {
        List<ChainEntry> chain = new ArrayList<>();
        String prevHash = HashChain.GENESIS;
        for (int i = 0; i < events; i++) {
            byte[] ciphertext = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
            ObjectNode metadata = metadata(UUID.randomUUID(), i, prevHash);
            prevHash = HashChain.hash(metadata, ciphertext);
            metadata.put("hash", prevHash);
            chain.add(new ChainEntry(CanonicalJson.write(metadata), ciphertext));
        }
        return chain;
    }

    private static ObjectNode metadata(UUID eventId, long sequence, String prevHash) {
        return MAPPER.createObjectNode()
                .put("eventId", eventId.toString())
                .put("spaceId", "space-1")
                .put("sequence", sequence)
                .put("keyId", "key-1")
                .put("prevHash", prevHash);
    }

    private static ChainEntry withMetadata(ChainEntry entry, Consumer<ObjectNode> change) {
        ObjectNode metadata = read(entry);
        change.accept(metadata);
        return new ChainEntry(CanonicalJson.write(metadata), entry.ciphertext());
    }

    private static String eventId(ChainEntry entry) {
        return read(entry).get("eventId").asText();
    }

    private static ObjectNode read(ChainEntry entry) {
        try {
            return (ObjectNode) MAPPER.readTree(entry.metadata());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
