package dev.ledgerloop.command.log;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.WriteModel;
import dev.ledgerloop.events.AggregateType;
import dev.ledgerloop.events.delivery.DeliveryCreated;
import dev.ledgerloop.events.log.CheckpointRecorded;
import dev.ledgerloop.events.merkle.LeafInput;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.eventstore.RawRecords;
import dev.ledgerloop.service.events.EncryptedEventRecordCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds every space's Merkle log from {@code $all} as stored (docs/verifiable-record.md): one thread of its own reads
 * pages of raw records after its position, appends each event of a space as that space's next leaf, stores the page,
 * then signs a checkpoint for each space whose tree grew (at most one per {@code checkpoint-interval}) and waits for
 * the next write. It runs on the command side because it signs and appends checkpoint events, as the command side
 * alone does with events.
 *
 * <p>A checkpoint record is a leaf too, but not content: only leaves that are not checkpoint records make a new
 * checkpoint due, so an idle space does not sign forever. When the reader meets a checkpoint record, that checkpoint
 * becomes the space's latest, so the latest checkpoint is derived from the log like the tree. The events of a {@code
 * log.checkpoint} webhook delivery are not content either, for the same reason.
 */
@Component
class MerkleLogBuilder extends LogFollower {
    private static final Logger log = LoggerFactory.getLogger(MerkleLogBuilder.class);
    private static final Duration IDLE_RECHECK = Duration.ofSeconds(30);
    private static final String CHECKPOINT_TYPE = "CheckpointRecorded";
    private static final String DELIVERY_CREATED = "DeliveryCreated";
    private static final String CHECKPOINT_WEBHOOK_PREFIX = "log.";
    private static final int KNOWN_DELIVERIES = 10_000;

    private final EncryptedEventRecordCodec codec;
    private final MerkleLogStore store;
    private final CheckpointWriter checkpoints;
    private final LogProperties properties;
    private final Clock clock;
    private final Map<UUID, SpaceTree> trees = new HashMap<>();
    /** Per space: the size signed last by this instance and when, so a record still on its way is not signed again. */
    private final Map<UUID, Long> signedSize = new HashMap<>();

    private final Map<UUID, Instant> signedAt = new HashMap<>();
    /** Per delivery stream: whether it delivers a checkpoint. */
    private final Cache<String, Boolean> checkpointDeliveries =
            Caffeine.newBuilder().maximumSize(KNOWN_DELIVERIES).build();

    MerkleLogBuilder(
            EventStoreDbStorageEngine engine,
            EncryptedEventRecordCodec codec,
            MerkleLogStore store,
            CheckpointWriter checkpoints,
            LogProperties properties,
            Clock clock) {
        super(engine, "merkle-log", properties.pageSize(), properties.batchDelay());
        this.codec = codec;
        this.store = store;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected boolean enabled() {
        if (!properties.enabled()) {
            log.warn("The verifiable log is switched off (ledgerloop.log.enabled=false): no leaves, no checkpoints");
        }
        return properties.enabled();
    }

    @Override
    protected EventStoreDbPositionToken resume() {
        store.rebuildIfOlderLayout();
        resumeFromStore();
        return store.position();
    }

    @Override
    protected Duration handle(RawRecords page, EventStoreDbPositionToken after) {
        apply(page.records());
        if (!page.last().equals(after)) {
            store.savePosition(page.last());
        }
        return signDueCheckpoints();
    }

    /** Every space as stored, so that a checkpoint due before a restart is signed after it without a new event. */
    private void resumeFromStore() {
        trees.clear();
        for (UUID spaceId : store.spaceIds()) {
            trees.put(spaceId, store.load(spaceId));
            store.latestCheckpoint(spaceId)
                    .ifPresent(latest -> signedSize.merge(spaceId, latest.treeSize(), Math::max));
        }
    }

    private void apply(List<RecordedEvent> records) {
        List<Document> leaves = new ArrayList<>();
        Map<UUID, SpaceTree> grown = new LinkedHashMap<>();
        for (RecordedEvent record : records) {
            ObjectNode metadata = ClearMetadata.of(record);
            UUID spaceId = ClearMetadata.spaceOf(metadata);
            if (spaceId == null) {
                continue;
            }
            SpaceTree tree = trees.computeIfAbsent(spaceId, store::load);
            EventStoreDbPositionToken position = EventStoreDbPositionToken.at(record.getPosition());
            if (tree.includes(position)) {
                continue;
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
            } catch (IllegalArgumentException e) {
                log.warn(
                        "Event {} at revision {} of {} has metadata outside the leaf format and is not in the log",
                        record.getEventType(),
                        record.getRevision(),
                        record.getStreamId());
                continue;
            }
            boolean checkpoint = isCheckpoint(record);
            long index = tree.size();
            boolean content = !checkpoint && !isCheckpointDelivery(record);
            tree.append(input, content, position);
            leaves.add(MerkleLogStore.leaf(spaceId, record.getEventId(), index, input));
            grown.put(spaceId, tree);
            if (checkpoint) {
                latestFrom(record);
            }
        }
        List<WriteModel<Document>> tiles = new ArrayList<>();
        for (SpaceTree tree : grown.values()) {
            for (SpaceTree.Tile tile : tree.takeGrownTiles()) {
                tiles.add(MerkleLogStore.tile(tree.spaceId(), tile));
            }
        }
        store.append(leaves, tiles, grown.values());
    }

    /** How long until the next checkpoint falls due at the latest (the idle re-check when none is pending). */
    private Duration signDueCheckpoints() {
        Instant now = clock.instant();
        Duration untilDue = IDLE_RECHECK;
        for (SpaceTree tree : trees.values()) {
            UUID spaceId = tree.spaceId();
            long signed = signedSize.getOrDefault(spaceId, -1L);
            if (tree.contentSize() == 0 || tree.contentSize() <= signed) {
                continue;
            }
            Instant due = signedAt.getOrDefault(spaceId, Instant.MIN).plus(properties.checkpointInterval());
            if (due.isAfter(now)) {
                Duration wait = Duration.between(now, due);
                untilDue = wait.compareTo(untilDue) < 0 ? wait : untilDue;
                continue;
            }
            checkpoints.record(spaceId, tree.size(), tree.root());
            signedSize.put(spaceId, tree.size());
            signedAt.put(spaceId, now);
        }
        return untilDue;
    }

    private void latestFrom(RecordedEvent record) {
        try {
            if (codec.decode(record).getPayload() instanceof CheckpointRecorded recorded) {
                store.recordCheckpoint(recorded.spaceId(), recorded.treeSize(), recorded.checkpoint());
                signedSize.merge(recorded.spaceId(), recorded.treeSize(), Math::max);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "The checkpoint record at revision {} of {} cannot be read: {}",
                    record.getRevision(),
                    record.getStreamId(),
                    e.getClass().getName());
        }
    }

    /**
     * Whether the event is about delivering a {@code log.checkpoint} webhook. Such events are leaves, but if they made
     * a checkpoint due, each checkpoint's delivery would cause the next checkpoint, once a second for ever.
     */
    private boolean isCheckpointDelivery(RecordedEvent record) {
        String stream = record.getStreamId();
        if (!stream.startsWith(AggregateType.DELIVERY.value() + "-")) {
            return false;
        }
        Boolean known = checkpointDeliveries.getIfPresent(stream);
        if (known != null) {
            return known;
        }
        boolean checkpointDelivery;
        if (DELIVERY_CREATED.equals(record.getEventType())) {
            checkpointDelivery = createsCheckpointDelivery(record);
            if (checkpointDelivery) {
                store.markCheckpointDelivery(stream);
            }
        } else {
            checkpointDelivery = store.isCheckpointDelivery(stream);
        }
        checkpointDeliveries.put(stream, checkpointDelivery);
        return checkpointDelivery;
    }

    private boolean createsCheckpointDelivery(RecordedEvent record) {
        try {
            return codec.decode(record).getPayload() instanceof DeliveryCreated created
                    && created.type().startsWith(CHECKPOINT_WEBHOOK_PREFIX);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isCheckpoint(RecordedEvent record) {
        return CHECKPOINT_TYPE.equals(record.getEventType())
                && record.getStreamId().startsWith(AggregateType.LOG.value() + "-");
    }
}
