package dev.ledgerloop.command.log;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.command.delivery.dispatch.DeliveryStreams;
import dev.ledgerloop.events.EventMetadata;
import dev.ledgerloop.events.MillisTimestamps;
import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.crypto.AssociatedData;
import dev.ledgerloop.events.crypto.AtRestCipher;
import dev.ledgerloop.events.crypto.DataKey;
import dev.ledgerloop.events.crypto.DataKeyNotFoundException;
import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.evidence.BundleRecord;
import dev.ledgerloop.events.evidence.ConsistencyProof;
import dev.ledgerloop.events.evidence.EvidenceBundle;
import dev.ledgerloop.events.evidence.StreamKey;
import dev.ledgerloop.events.merkle.NoteSigner;
import dev.ledgerloop.events.merkle.ProofBuilder;
import dev.ledgerloop.events.merkle.SignedCheckpoint;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.service.ApiException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds the evidence bundle of a session or of one decision (docs/verifiable-record.md, "Evidence bundles"): the
 * records exactly as stored, their at-rest-decrypted payloads and the streams' data keys, inclusion proofs against
 * the latest checkpoint, that checkpoint and the verifier key. A decision's bundle holds the records about that
 * message (the question, its edits, the answer, its expiry or cancellation, its acknowledgement or deletion) and the
 * streams of the webhook deliveries about them.
 */
@Component
class EvidenceExport {
    private final EventStoreDbStorageEngine engine;
    private final MerkleLogStore store;
    private final NoteSigner signer;
    private final Keyring keyring;
    private final DeliveryStreams deliveries;
    private final Clock clock;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtRestCipher cipher = new AtRestCipher();

    EvidenceExport(
            EventStoreDbStorageEngine engine,
            MerkleLogStore store,
            NoteSigner signer,
            Keyring keyring,
            DeliveryStreams deliveries,
            Clock clock) {
        this.engine = engine;
        this.store = store;
        this.signer = signer;
        this.keyring = keyring;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    EvidenceBundle export(UUID spaceId, UUID sessionId, UUID messageId, Long consistencyFrom) {
        List<RecordedEvent> session = engine.readRawStream(StreamNames.session(sessionId));
        if (session.isEmpty() || !spaceId.toString().equals(ClearMetadata.spaceOf(session.get(0)))) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No session " + sessionId);
        }
        MerkleLogStore.Checkpoint latest = store.latestCheckpoint(spaceId)
                .orElseThrow(() -> new ApiException(ErrorCode.CONFLICT, "This space's log has no checkpoint yet"));
        long treeSize = SignedCheckpoint.open(latest.note(), signer.verifierKey())
                .orElseThrow(() -> new IllegalStateException("The stored checkpoint does not verify"))
                .treeSize();
        ProofBuilder proofs = new ProofBuilder(store.subtrees(spaceId));
        ConsistencyProof consistency = consistency(proofs, consistencyFrom, treeSize);

        Map<String, StreamKey> keys = new LinkedHashMap<>();
        List<Selected> selected = new ArrayList<>();
        boolean erased = false;
        for (RecordedEvent record : session) {
            Optional<byte[]> payload = payload(spaceId, record, keys);
            erased |= payload.isEmpty();
            if (messageId != null && !about(payload, messageId)) {
                continue;
            }
            selected.add(new Selected(record, payload.orElse(null), true));
            if (messageId != null) {
                for (String delivery :
                        deliveries.about(spaceId, record.getEventId().toString())) {
                    for (RecordedEvent attempt : engine.readRawStream(delivery)) {
                        selected.add(new Selected(
                                attempt, payload(spaceId, attempt, keys).orElse(null), false));
                    }
                }
            }
        }
        List<BundleRecord> records = bundled(spaceId, selected, proofs, treeSize);
        if (messageId != null && records.isEmpty()) {
            throw new ApiException(
                    erased ? ErrorCode.CONFLICT : ErrorCode.NOT_FOUND,
                    erased
                            ? "The session's content is erased, so its decisions cannot be told apart: export the whole"
                                    + " session"
                            : "No message " + messageId + " in session " + sessionId);
        }
        EvidenceBundle.Manifest manifest = new EvidenceBundle.Manifest(
                EvidenceBundle.FORMAT,
                spaceId.toString(),
                sessionId.toString(),
                messageId == null ? null : messageId.toString(),
                MillisTimestamps.format(clock.instant()),
                records.size(),
                erased);
        return new EvidenceBundle(
                manifest,
                records,
                List.copyOf(keys.values()),
                latest.note(),
                signer.verifierKey(),
                consistency,
                BundleReadme.TEXT);
    }

    private static ConsistencyProof consistency(ProofBuilder proofs, Long from, long treeSize) {
        if (from == null) {
            return null;
        }
        if (from < 1 || from > treeSize) {
            throw ApiException.validation(
                    "consistencyFrom must be from 1 to the checkpoint's tree size " + treeSize + "; was " + from);
        }
        return new ConsistencyProof(from, treeSize, from == treeSize ? List.of() : proofs.consistency(from, treeSize));
    }

    private record Selected(RecordedEvent record, byte[] payload, boolean subject) {}

    /** The records with their leaf indexes and inclusion proofs, each looked up once for all records. */
    private List<BundleRecord> bundled(UUID spaceId, List<Selected> selected, ProofBuilder proofs, long treeSize) {
        Map<UUID, Long> indexes = store.leafIndexes(
                spaceId,
                selected.stream().map(chosen -> chosen.record().getEventId()).toList());
        List<Long> covered = new ArrayList<>();
        for (Selected chosen : selected) {
            Long index = indexes.get(chosen.record().getEventId());
            if (index != null && index < treeSize) {
                covered.add(index);
            }
        }
        Map<Long, List<byte[]>> paths = new java.util.HashMap<>();
        List<List<byte[]>> computed = proofs.inclusions(covered, treeSize);
        for (int i = 0; i < covered.size(); i++) {
            paths.put(covered.get(i), computed.get(i));
        }
        List<BundleRecord> records = new ArrayList<>(selected.size());
        for (Selected chosen : selected) {
            RecordedEvent record = chosen.record();
            Long index = indexes.get(record.getEventId());
            Long leafIndex = index != null && index < treeSize ? index : null;
            records.add(new BundleRecord(
                    record.getStreamId(),
                    record.getRevision(),
                    record.getEventId(),
                    record.getEventType(),
                    record.getUserMetadata(),
                    record.getEventData(),
                    leafIndex,
                    leafIndex == null ? List.of() : paths.get(leafIndex),
                    chosen.payload(),
                    chosen.subject()));
        }
        return records;
    }

    /** The payload decrypted at rest, remembering the stream's key; empty when the key was shredded. */
    private Optional<byte[]> payload(UUID spaceId, RecordedEvent record, Map<String, StreamKey> keys) {
        EventMetadata metadata = EventMetadata.fromJson(record.getUserMetadata());
        DataKey key;
        try {
            key = keyring.dataKeyOf(spaceId.toString(), record.getStreamId(), metadata.keyId());
        } catch (DataKeyNotFoundException shredded) {
            return Optional.empty();
        }
        keys.computeIfAbsent(
                record.getStreamId(), stream -> new StreamKey(stream, key.keyId(), key.exportForEvidence()));
        return Optional.of(cipher.decrypt(
                key,
                new AssociatedData(
                        record.getStreamId(), metadata.eventId(), record.getEventType(), metadata.schemaVersion()),
                record.getEventData()));
    }

    private static boolean about(Optional<byte[]> payload, UUID messageId) {
        if (payload.isEmpty()) {
            return false;
        }
        try {
            JsonNode event = JSON.readTree(payload.get());
            return messageId.toString().equals(event.path("messageId").asText(null));
        } catch (IOException unreadable) {
            return false;
        }
    }
}
