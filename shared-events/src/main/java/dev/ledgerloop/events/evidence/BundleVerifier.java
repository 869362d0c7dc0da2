package dev.ledgerloop.events.evidence;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import dev.ledgerloop.events.EventCodec;
import dev.ledgerloop.events.chain.HashChain;
import dev.ledgerloop.events.crypto.AssociatedData;
import dev.ledgerloop.events.crypto.AtRestCipher;
import dev.ledgerloop.events.crypto.DataKey;
import dev.ledgerloop.events.crypto.DecryptionFailedException;
import dev.ledgerloop.events.decision.SignedDecisions;
import dev.ledgerloop.events.merkle.LeafInput;
import dev.ledgerloop.events.merkle.MerkleHash;
import dev.ledgerloop.events.merkle.ProofVerifier;
import dev.ledgerloop.events.merkle.SignedCheckpoint;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SessionEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks an {@link EvidenceBundle} with nothing but its bytes and, optionally, a verifier key and an earlier
 * checkpoint the checker trusts: the checkpoint's signature, consistency with the trusted checkpoint, every record's
 * hash and its link to the record before it, every record's inclusion in the signed tree, every payload against
 * its ciphertext, and every decision signature the answers carry. The first failure ends the check.
 */
public final class BundleVerifier {
    private static final ObjectReader METADATA = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .reader();

    private final AtRestCipher cipher = new AtRestCipher();

    /** The verdict: OK with what was checked, or the first failure. {@code notes} say what was not checked. */
    public record Outcome(boolean ok, String summary, List<String> notes) {}

    private static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param trustedVerifierKey the verifier key to check the signature with; null to use the bundle's own (then the
     *     signature proves only that the bundle is consistent with itself, and a note says so)
     * @param trustedCheckpoint an earlier signed checkpoint the checker kept; null for none
     */
    public Outcome verify(EvidenceBundle bundle, String trustedVerifierKey, String trustedCheckpoint) {
        List<String> notes = new ArrayList<>();
        try {
            String verifierKey = trustedVerifierKey != null ? trustedVerifierKey.strip() : bundle.verifierKey();
            if (trustedVerifierKey == null) {
                notes.add("The signature was checked with the verifier key inside the bundle; pass --verifier-key with"
                        + " the key you got from the deployment to check who signed it.");
            }
            SignedCheckpoint checkpoint = SignedCheckpoint.open(bundle.checkpoint(), verifierKey)
                    .orElseThrow(() -> new Failure("The checkpoint's signature does not verify with the verifier key"));
            String consistency = checkConsistency(bundle, checkpoint, trustedCheckpoint, verifierKey);
            if (consistency == null) {
                notes.add("No trusted checkpoint given: pass --trusted-checkpoint with one you kept (a log.checkpoint"
                        + " webhook) to prove the log was not rewritten since.");
            }
            Map<String, DataKey> keys = new HashMap<>();
            for (StreamKey key : bundle.keys()) {
                keys.put(key.stream(), DataKey.fromEvidence(key.keyId(), key.key()));
            }
            List<BundleRecord> records = new ArrayList<>(bundle.records());
            records.sort(Comparator.comparing(BundleRecord::stream).thenComparingLong(BundleRecord::revision));
            // Each record's own checks are independent of the others: they run in parallel; links are then walked
            // in order, and the first failure in that order is the one reported.
            List<Checked> checked = records.parallelStream()
                    .map(record -> checkRecord(record, checkpoint, keys.get(record.stream())))
                    .toList();
            Counts counts = new Counts();
            for (int i = 0; i < records.size(); i++) {
                Checked record = checked.get(i);
                if (record.failure() != null) {
                    throw new Failure(record.failure());
                }
                checkLink(
                        records.get(i),
                        record,
                        i == 0 ? null : records.get(i - 1),
                        i == 0 ? null : checked.get(i - 1),
                        counts);
                if (record.included()) {
                    counts.included++;
                } else {
                    counts.uncovered++;
                }
                if (record.payloadMatches()) {
                    counts.payloads++;
                } else {
                    counts.erased++;
                }
            }
            String decisions = checkDecisionSignatures(records);
            if (counts.gaps > 0) {
                notes.add(counts.gaps + " link(s) between records could not be checked: the bundle leaves out the"
                        + " records between them (a decision's bundle holds only that decision's records).");
            }
            if (counts.uncovered > 0) {
                notes.add(counts.uncovered + " record(s) are newer than the checkpoint and not proven included.");
            }
            String summary = "OK: " + records.size() + " records in " + streams(records) + " stream(s); every hash and"
                    + " link holds; " + counts.included
                    + " inclusion proofs verify against the checkpoint of tree size "
                    + checkpoint.treeSize() + " (root " + Base64.getEncoder().encodeToString(checkpoint.root()) + ");"
                    + " " + counts.payloads + " payloads match their ciphertext"
                    + (counts.erased > 0 ? "; " + counts.erased + " records' content is erased (crypto-shredded)" : "")
                    + decisions
                    + (consistency != null ? "; " + consistency : "");
            return new Outcome(true, summary, notes);
        } catch (Failure failure) {
            return new Outcome(false, "FAILED: " + failure.getMessage(), notes);
        }
    }

    private static final class Counts {
        int included;
        int uncovered;
        int payloads;
        int erased;
        int gaps;
    }

    private String checkConsistency(
            EvidenceBundle bundle, SignedCheckpoint checkpoint, String trustedNote, String verifierKey) throws Failure {
        if (trustedNote == null) {
            return null;
        }
        SignedCheckpoint trusted = SignedCheckpoint.open(trustedNote, verifierKey)
                .orElseThrow(
                        () -> new Failure("The trusted checkpoint's signature does not verify with the verifier key"));
        if (!trusted.origin().equals(checkpoint.origin())) {
            throw new Failure("The trusted checkpoint is of another log (" + trusted.origin() + ")");
        }
        if (trusted.treeSize() > checkpoint.treeSize()) {
            throw new Failure("The trusted checkpoint (tree size " + trusted.treeSize()
                    + ") is newer than the bundle's (" + checkpoint.treeSize() + "): export the bundle again");
        }
        if (trusted.treeSize() == checkpoint.treeSize()) {
            if (!Arrays.equals(trusted.root(), checkpoint.root())) {
                throw new Failure("Two checkpoints of tree size " + trusted.treeSize()
                        + " with different roots: the log was rewritten");
            }
            return "the checkpoint is the trusted one";
        }
        ConsistencyProof proof = bundle.consistency();
        if (proof == null || proof.first() != trusted.treeSize() || proof.second() != checkpoint.treeSize()) {
            throw new Failure("The bundle holds no consistency proof from tree size " + trusted.treeSize()
                    + ": export it with consistencyFrom=" + trusted.treeSize());
        }
        if (!ProofVerifier.consistency(
                trusted.treeSize(), checkpoint.treeSize(), trusted.root(), checkpoint.root(), proof.hashes())) {
            throw new Failure("The checkpoint of tree size " + checkpoint.treeSize()
                    + " is not consistent with the trusted checkpoint of tree size " + trusted.treeSize()
                    + ": the log was rewritten");
        }
        return "consistent with the trusted checkpoint of tree size " + trusted.treeSize();
    }

    private static ObjectNode metadataOf(BundleRecord record) throws Failure {
        try {
            JsonNode node = METADATA.readTree(record.metadata());
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException unreadable) {
            // reported below
        }
        throw new Failure(describe(record) + ": its metadata is not a JSON object");
    }

    /** One record's own checks; {@code failure} names the first that fails, null when all hold. */
    private record Checked(String failure, String hash, String prevHash, boolean included, boolean payloadMatches) {
        static Checked failed(BundleRecord record, String what) {
            return new Checked(describe(record) + ": " + what, null, null, false, false);
        }
    }

    private Checked checkRecord(BundleRecord record, SignedCheckpoint checkpoint, DataKey key) {
        ObjectNode metadata;
        try {
            metadata = metadataOf(record);
        } catch (Failure failure) {
            return new Checked(failure.getMessage(), null, null, false, false);
        }
        String stored = metadata.path(HashChain.HASH_FIELD).asText(null);
        if (!HashChain.hash(metadata, record.data()).equals(stored)) {
            return Checked.failed(record, "its hash does not match its metadata and ciphertext");
        }
        if (!record.eventId().toString().equals(metadata.path("eventId").asText(null))) {
            return Checked.failed(record, "its metadata names another event id");
        }
        boolean included = record.leafIndex() != null;
        if (included) {
            byte[] leafHash = MerkleHash.leaf(LeafInput.of(
                    record.stream(), record.revision(), record.eventId(), record.type(), metadata, record.data()));
            if (!ProofVerifier.inclusion(
                    record.leafIndex(), checkpoint.treeSize(), leafHash, record.proof(), checkpoint.root())) {
                return Checked.failed(
                        record,
                        "its inclusion proof (leaf " + record.leafIndex() + ") does not verify against the checkpoint");
            }
        }
        if (record.payload() == null) {
            return new Checked(
                    null, stored, metadata.path(HashChain.PREV_HASH_FIELD).asText(null), included, false);
        }
        if (key == null) {
            return Checked.failed(record, "the bundle holds no key for its stream");
        }
        if (!key.keyId().equals(metadata.path("keyId").asText(null))) {
            return Checked.failed(record, "it was encrypted under another key than the bundle's");
        }
        byte[] plaintext;
        try {
            plaintext = cipher.decrypt(
                    key,
                    new AssociatedData(
                            record.stream(),
                            record.eventId(),
                            record.type(),
                            metadata.path("schemaVersion").asInt()),
                    record.data());
        } catch (DecryptionFailedException | IllegalArgumentException e) {
            return Checked.failed(record, "its ciphertext does not decrypt under the stream's key");
        }
        if (!Arrays.equals(plaintext, record.payload())) {
            return Checked.failed(record, "its payload differs from what its ciphertext holds");
        }
        return new Checked(
                null, stored, metadata.path(HashChain.PREV_HASH_FIELD).asText(null), included, true);
    }

    private static void checkLink(
            BundleRecord record, Checked checked, BundleRecord previous, Checked previousChecked, Counts counts)
            throws Failure {
        boolean follows = previous != null
                && previous.stream().equals(record.stream())
                && previous.revision() == record.revision() - 1;
        if (record.revision() == 0) {
            if (!HashChain.GENESIS.equals(checked.prevHash())) {
                throw new Failure(describe(record) + ": the first event of its stream does not start the chain");
            }
        } else if (follows) {
            if (!previousChecked.hash().equals(checked.prevHash())) {
                throw new Failure(describe(record)
                        + ": it does not link to the event before it (removed, inserted or reordered)");
            }
        } else {
            counts.gaps++;
        }
    }

    /**
     * Every decision signature stored in the bundle's session records must verify over the question as it stood when
     * answered and the answer as stored ({@link SignedDecisions}); erased records cannot be read and are left out.
     */
    private static String checkDecisionSignatures(List<BundleRecord> records) throws Failure {
        List<SessionEvent> events = new ArrayList<>();
        Map<UUID, BundleRecord> responses = new HashMap<>();
        for (BundleRecord record : records) {
            if (record.payload() == null || !record.stream().startsWith(AggregateType.SESSION.value() + "-")) {
                continue;
            }
            AggregateEvent event;
            try {
                event = EventCodec.readPayload(record.type(), record.payload());
            } catch (IllegalArgumentException unreadable) {
                throw new Failure(describe(record) + ": its payload does not read as a " + record.type());
            }
            if (event instanceof SessionEvent sessionEvent) {
                events.add(sessionEvent);
            }
            if (event instanceof ResponseSubmitted response) {
                responses.put(response.responseId(), record);
            }
        }
        SignedDecisions.Report report = SignedDecisions.check(events);
        if (!report.ok()) {
            SignedDecisions.Failure failure = report.failures().get(0);
            throw new Failure(describe(responses.get(failure.responseId())) + ": the decision signature on message "
                    + failure.messageId() + " does not verify ("
                    + (failure.reason().equals("QUESTION_MISSING")
                            ? "the bundle does not hold the question it answers"
                            : "it does not match the question as it stood, the answer as stored, or the signing key")
                    + ")");
        }
        return report.signed() == 0 ? "" : "; " + report.signed() + " decision signature(s) verify";
    }

    private static long streams(List<BundleRecord> records) {
        return records.stream().map(BundleRecord::stream).distinct().count();
    }

    private static String describe(BundleRecord record) {
        return "Event "
                + Optional.ofNullable(record.eventId()).map(UUID::toString).orElse("?") + " (" + record.type() + ", "
                + record.stream() + " revision " + record.revision() + ")";
    }
}
