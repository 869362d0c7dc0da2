package dev.ledgerloop.command.log;

import com.eventstore.dbclient.RecordedEvent;
import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.chain.BrokenLink;
import dev.ledgerloop.events.chain.ChainEntry;
import dev.ledgerloop.events.chain.ChainVerifier;
import dev.ledgerloop.events.decision.SignedDecisions;
import dev.ledgerloop.events.merkle.LeafInput;
import dev.ledgerloop.events.merkle.MerkleHash;
import dev.ledgerloop.events.merkle.NoteSigner;
import dev.ledgerloop.events.merkle.ProofBuilder;
import dev.ledgerloop.events.merkle.ProofVerifier;
import dev.ledgerloop.events.merkle.SignedCheckpoint;
import dev.ledgerloop.events.session.SessionEvent;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.service.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks one session as a verifier would, from the records as stored: the stream's hash chain from its first event,
 * then each event's leaf, recomputed from the record, against the latest checkpoint, whose signature is checked with
 * the verifier key. Proof hashes come from the store, but nothing stored is trusted: a changed record, node or
 * checkpoint makes a check fail. The answer names the first failure.
 */
@Component
class SessionVerification {
    private static final String SESSION_TYPE = "Session";
    private final EventStoreDbStorageEngine engine;
    private final MerkleLogStore store;
    private final NoteSigner signer;

    SessionVerification(EventStoreDbStorageEngine engine, MerkleLogStore store, NoteSigner signer) {
        this.engine = engine;
        this.store = store;
        this.signer = signer;
    }

    Map<String, Object> verify(UUID spaceId, UUID sessionId) {
        List<RecordedEvent> records = engine.readRawStream(StreamNames.session(sessionId));
        if (records.isEmpty() || !spaceId.toString().equals(ClearMetadata.spaceOf(records.get(0)))) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No session " + sessionId);
        }
        List<ChainEntry> chain = new ArrayList<>();
        for (RecordedEvent record : records) {
            chain.add(new ChainEntry(record.getUserMetadata(), record.getEventData()));
        }
        Optional<BrokenLink> broken = ChainVerifier.verify(chain);
        if (broken.isPresent()) {
            BrokenLink link = broken.get();
            return failed(
                    records.size(),
                    "chain",
                    link.index(),
                    link.eventId(),
                    link.reason().name());
        }
        MerkleLogStore.Checkpoint latest = store.latestCheckpoint(spaceId)
                .orElseThrow(() -> new ApiException(ErrorCode.CONFLICT, "This space's log has no checkpoint yet"));
        Optional<SignedCheckpoint> checkpoint = SignedCheckpoint.open(latest.note(), signer.verifierKey());
        if (checkpoint.isEmpty()) {
            return failed(records.size(), "checkpoint", -1, null, "SIGNATURE_INVALID");
        }
        long treeSize = checkpoint.get().treeSize();
        ProofBuilder proofs = new ProofBuilder(store.subtrees(spaceId));
        int afterCheckpoint = 0;
        for (int index = 0; index < records.size(); index++) {
            RecordedEvent record = records.get(index);
            String eventId = record.getEventId().toString();
            Optional<MerkleLogStore.Leaf> leaf = store.leaf(spaceId, record.getEventId());
            if (leaf.isEmpty()) {
                return failed(records.size(), "inclusion", index, eventId, "NOT_IN_LOG");
            }
            if (leaf.get().index() >= treeSize) {
                afterCheckpoint++;
                continue;
            }
            byte[] leafHash = MerkleHash.leaf(LeafInput.of(
                    record.getStreamId(),
                    record.getRevision(),
                    record.getEventId(),
                    record.getEventType(),
                    record.getUserMetadata(),
                    record.getEventData()));
            List<byte[]> path;
            try {
                path = proofs.inclusion(leaf.get().index(), treeSize);
            } catch (IllegalStateException missing) {
                return failed(records.size(), "inclusion", index, eventId, "PROOF_UNAVAILABLE");
            }
            if (!ProofVerifier.inclusion(
                    leaf.get().index(),
                    treeSize,
                    leafHash,
                    path,
                    checkpoint.get().root())) {
                return failed(records.size(), "inclusion", index, eventId, "PROOF_FAILED");
            }
        }
        Optional<SignedDecisions.Report> decisions = decisions(sessionId);
        if (decisions.isPresent() && !decisions.get().ok()) {
            return signaturesFailed(records.size(), decisions.get().failures());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("events", records.size());
        answer.put("treeSize", treeSize);
        answer.put("eventsAfterCheckpoint", afterCheckpoint);
        answer.put(
                "signedDecisions", decisions.map(SignedDecisions.Report::signed).orElse(0));
        // Shredding leaves the records as stored, so everything above holds; the content is gone for good.
        answer.put(
                "erased",
                engine.lastSequenceNumberFor("Shredding", sessionId.toString()).isPresent());
        return answer;
    }

    /**
     * Every decision signature of the session, checked over the question as it stood when answered (docs/api.md
     * §Signed decisions); empty when the session's content is erased and cannot be read.
     */
    private Optional<SignedDecisions.Report> decisions(UUID sessionId) {
        List<SessionEvent> events = new ArrayList<>();
        try {
            engine.readEvents(SESSION_TYPE, sessionId.toString(), 0)
                    .asStream()
                    .forEach(message -> events.add((SessionEvent) message.getPayload()));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        return Optional.of(SignedDecisions.check(events));
    }

    private static Map<String, Object> signaturesFailed(int events, List<SignedDecisions.Failure> failures) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (SignedDecisions.Failure failure : failures) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("check", "signature");
            link.put("messageId", failure.messageId().toString());
            link.put("responseId", failure.responseId().toString());
            link.put("reason", failure.reason());
            listed.add(link);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", false);
        answer.put("events", events);
        answer.put("brokenLink", listed.get(0));
        answer.put("signatureFailures", listed);
        return answer;
    }

    private static Map<String, Object> failed(int events, String check, int index, String eventId, String reason) {
        Map<String, Object> brokenLink = new LinkedHashMap<>();
        brokenLink.put("check", check);
        if (index >= 0) {
            brokenLink.put("index", index);
        }
        if (eventId != null) {
            brokenLink.put("eventId", eventId);
        }
        brokenLink.put("reason", reason);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", false);
        answer.put("events", events);
        answer.put("brokenLink", brokenLink);
        return answer;
    }
}
