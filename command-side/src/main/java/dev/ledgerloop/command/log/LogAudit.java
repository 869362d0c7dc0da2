package dev.ledgerloop.command.log;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledgerloop.events.AggregateType;
import dev.ledgerloop.events.chain.HashChain;
import dev.ledgerloop.events.log.CheckpointRecorded;
import dev.ledgerloop.events.log.LogAuditFailed;
import dev.ledgerloop.events.merkle.CompactRange;
import dev.ledgerloop.events.merkle.LeafInput;
import dev.ledgerloop.events.merkle.MerkleHash;
import dev.ledgerloop.events.merkle.NoteSigner;
import dev.ledgerloop.events.merkle.SignedCheckpoint;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.eventstore.RawRecords;
import dev.ledgerloop.service.events.EncryptedEventRecordCodec;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Continuous verification of the log (docs/verifiable-record.md): a thread of its own follows {@code $all} as stored,
 * independently of the builder, and for each space recomputes the tree from the records (a {@link CompactRange}, not
 * the stored subtrees), checks every record's hash and its link to the one before it in its stream, and checks every
 * checkpoint record's signature and root against the recomputed tree. What it verified shows in {@link
 * LogAuditStatus} (health, metrics); a failure is also recorded once as a {@link LogAuditFailed} event.
 */
@Component
class LogAudit extends LogFollower {
    private static final Logger log = LoggerFactory.getLogger(LogAudit.class);
    private static final Duration IDLE_RECHECK = Duration.ofSeconds(30);
    private static final int ROOTS_KEPT = 4096;

    private final EncryptedEventRecordCodec codec;
    private final LogAuditStore store;
    private final LogAuditStatus status;
    private final CheckpointWriter writer;
    private final NoteSigner signer;
    private final LogProperties properties;
    private final Map<UUID, CompactRange> ranges = new HashMap<>();
    /** The chain heads saved lately: the next event of a stream links to one, without asking MongoDB. */
    private final Cache<String, LogAuditStore.ChainHead> savedHeads =
            Caffeine.newBuilder().maximumSize(50_000).build();
    /** Per space, the roots of the latest sizes: a checkpoint record comes a few leaves after the size it signs. */
    private final Map<UUID, LinkedHashMap<Long, byte[]>> recentRoots = new HashMap<>();

    LogAudit(
            EventStoreDbStorageEngine engine,
            EncryptedEventRecordCodec codec,
            LogAuditStore store,
            LogAuditStatus status,
            CheckpointWriter writer,
            NoteSigner signer,
            LogProperties properties) {
        super(engine, "log-audit", properties.pageSize(), properties.batchDelay());
        this.codec = codec;
        this.store = store;
        this.status = status;
        this.writer = writer;
        this.signer = signer;
        this.properties = properties;
    }

    @Override
    protected boolean enabled() {
        if (properties.enabled() && !properties.audit()) {
            log.warn("The continuous verification of the log is switched off (ledgerloop.log.audit=false)");
        }
        return properties.enabled() && properties.audit();
    }

    @Override
    protected EventStoreDbPositionToken resume() {
        ranges.clear();
        recentRoots.clear();
        savedHeads.invalidateAll();
        return store.position();
    }

    @Override
    protected Duration handle(RawRecords page, EventStoreDbPositionToken after) {
        Map<String, LogAuditStore.ChainHead> heads = new HashMap<>();
        for (RecordedEvent record : page.records()) {
            audit(record, heads);
        }
        store.save(page.last(), ranges, heads);
        savedHeads.putAll(heads);
        return IDLE_RECHECK;
    }

    private void audit(RecordedEvent record, Map<String, LogAuditStore.ChainHead> heads) {
        ObjectNode metadata = ClearMetadata.of(record);
        UUID spaceId = ClearMetadata.spaceOf(metadata);
        if (spaceId == null) {
            return;
        }
        CompactRange range = ranges.computeIfAbsent(spaceId, store::range);
        checkChain(spaceId, record, metadata, heads, range.size());
        if (record.getStreamId().startsWith(AggregateType.LOG.value() + "-")
                && "CheckpointRecorded".equals(record.getEventType())) {
            checkCheckpoint(spaceId, record, range);
        }
        byte[] input;
        try {
            input = LeafInput.of(
                    record.getStreamId(),
                    record.getRevision(),
                    record.getEventId(),
                    record.getEventType(),
                    metadata,
                    record.getEventData());
        } catch (IllegalArgumentException outsideTheLeafFormat) {
            return;
        }
        range.append(MerkleHash.leaf(input));
        LinkedHashMap<Long, byte[]> roots = recentRoots.computeIfAbsent(spaceId, id -> new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > ROOTS_KEPT;
            }
        });
        roots.put(range.size(), range.root());
        status.verified(spaceId, range.size());
    }

    private void checkChain(
            UUID spaceId,
            RecordedEvent record,
            ObjectNode metadata,
            Map<String, LogAuditStore.ChainHead> heads,
            long treeSize) {
        String stream = record.getStreamId();
        String hash = metadata.path(HashChain.HASH_FIELD).asText(null);
        if (!HashChain.hash(metadata, record.getEventData()).equals(hash)) {
            fail(spaceId, "chain", record, treeSize, "The event's hash does not match its metadata and ciphertext");
        }
        String expected = record.getRevision() == 0
                ? HashChain.GENESIS
                : Optional.ofNullable(heads.get(stream))
                        .or(() -> Optional.ofNullable(savedHeads.getIfPresent(stream)))
                        .or(() -> store.chainHead(stream))
                        .filter(head -> head.revision() == record.getRevision() - 1)
                        .map(LogAuditStore.ChainHead::hash)
                        .orElse(null);
        String prevHash = metadata.path(HashChain.PREV_HASH_FIELD).asText(null);
        if (expected != null && !expected.equals(prevHash)) {
            fail(spaceId, "chain", record, treeSize, "The event does not link to the event before it in its stream");
        }
        heads.put(stream, new LogAuditStore.ChainHead(record.getRevision(), hash));
    }

    private void checkCheckpoint(UUID spaceId, RecordedEvent record, CompactRange range) {
        CheckpointRecorded recorded;
        try {
            recorded = (CheckpointRecorded) codec.decode(record).getPayload();
        } catch (RuntimeException unreadable) {
            fail(spaceId, "checkpoint-signature", record, range.size(), "The checkpoint record cannot be read");
            return;
        }
        Optional<SignedCheckpoint> checkpoint = SignedCheckpoint.open(recorded.checkpoint(), signer.verifierKey());
        if (checkpoint.isEmpty()) {
            fail(spaceId, "checkpoint-signature", record, range.size(), "The checkpoint's signature does not verify");
            return;
        }
        byte[] recomputed = Optional.ofNullable(recentRoots.get(spaceId))
                .map(roots -> roots.get(checkpoint.get().treeSize()))
                .orElse(null);
        if (recomputed == null) {
            // Signed before this audit's memory begins (a restart between signing and recording): nothing to compare.
            return;
        }
        if (!Arrays.equals(recomputed, checkpoint.get().root())) {
            fail(
                    spaceId,
                    "checkpoint-root",
                    record,
                    checkpoint.get().treeSize(),
                    "The checkpoint's root differs from the tree recomputed from the stored events");
        }
    }

    private void fail(UUID spaceId, String check, RecordedEvent record, long treeSize, String reason) {
        LogAuditFailed failure =
                new LogAuditFailed(spaceId, check, record.getEventId().toString(), treeSize, reason);
        if (status.failed(failure)) {
            log.error(
                    "The log of space {} does not verify: {} at event {} ({} revision {}): {}",
                    spaceId,
                    check,
                    record.getEventId(),
                    record.getStreamId(),
                    record.getRevision(),
                    reason);
            writer.recordAuditFailure(failure);
        }
    }
}
