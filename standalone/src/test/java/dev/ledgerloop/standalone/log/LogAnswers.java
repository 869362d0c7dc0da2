package dev.ledgerloop.standalone.log;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.merkle.MerkleHash;
import dev.ledgerloop.events.merkle.ProofVerifier;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** What the log's tests ask of {@code /v1/admin/log} and read from its answers. */
final class LogAnswers {
    static final String LOG = "/v1/admin/log";

    private LogAnswers() {}

    /** Waits for a checkpoint whose tree holds all of {@code events}, and checks its signature. */
    static SignedCheckpoint checkpointCovering(Api owner, String verifierKey, List<RecordedEvent> events) {
        AtomicReference<SignedCheckpoint> covering = new AtomicReference<>();
        patiently().untilAsserted(() -> {
            Answer answer = owner.get(LOG + "/checkpoint");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Type").orElse("")).startsWith("text/plain");
            SignedCheckpoint checkpoint = SignedCheckpoint.verified(answer.text(), verifierKey);
            // Asked at this checkpoint's size, not the latest's: a newer checkpoint may have come meanwhile.
            for (RecordedEvent event : events) {
                assertThat(owner.get(LOG + "/proof/inclusion?eventId=" + event.getEventId() + "&treeSize="
                                        + checkpoint.treeSize())
                                .status())
                        .isEqualTo(200);
            }
            covering.set(checkpoint);
        });
        return covering.get();
    }

    /** The inclusion proof of an event at a tree size, as answered (200 required). */
    static String inclusion(Api owner, UUID eventId, long treeSize) throws Exception {
        return owner.get(LOG + "/proof/inclusion?eventId=" + eventId + "&treeSize=" + treeSize)
                .expect(200)
                .text();
    }

    /** Every event's inclusion proof at a tree size, as answered, by event id in the events' order. */
    static Map<UUID, String> inclusionProofs(Api owner, List<RecordedEvent> events, long treeSize) throws Exception {
        Map<UUID, String> proofs = new LinkedHashMap<>();
        for (RecordedEvent event : events) {
            proofs.put(event.getEventId(), inclusion(owner, event.getEventId(), treeSize));
        }
        return proofs;
    }

    /** Whether an inclusion proof, as answered, leads from the hash of its {@code leafInput} to the checkpoint's root. */
    static boolean verifies(JsonNode proof, SignedCheckpoint checkpoint) {
        return ProofVerifier.inclusion(
                proof.get("leafIndex").asLong(),
                checkpoint.treeSize(),
                MerkleHash.leaf(
                        Base64.getDecoder().decode(proof.get("leafInput").asText())),
                hashes(proof),
                checkpoint.root());
    }

    /** Whether the consistency proof the log answers (200 required) between two checkpoints links their roots. */
    static boolean consistent(Api owner, SignedCheckpoint first, SignedCheckpoint second) throws Exception {
        JsonNode proof = owner.get(
                        LOG + "/proof/consistency?first=" + first.treeSize() + "&second=" + second.treeSize())
                .expect(200)
                .body();
        return ProofVerifier.consistency(
                first.treeSize(), second.treeSize(), first.root(), second.root(), hashes(proof));
    }

    /** The proof's hashes, decoded. */
    static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> hashes = new ArrayList<>();
        proof.get("hashes").forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asText())));
        return hashes;
    }
}
