package dev.ledgerloop.eventstore.embedded.store;

import dev.ledgerloop.eventstore.embedded.log.SegmentedLog;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store engine: streams with optimistic concurrency over a {@link SegmentedLog}, and the {@code $all}
 * order of every record.
 *
 * <p>All writes go through one writer thread. It takes every command waiting in its queue, checks and writes each
 * one, then syncs the log once for the whole batch (group commit) before any of them is acknowledged. Readers see
 * only what has been synced: {@link #durableEnd()} moves after the fsync, and every read is bounded by it, so no
 * reader ever observes an event that a crash could still take away.
 */
public final class StreamDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamDatabase.class);
    private static final int MAX_BATCH = 4096;
    private static final int RECENT_EVENT_IDS = 100_000;

    private final StreamDatabaseSettings settings;
    private final SegmentedLog segmentedLog;
    private final Map<String, StreamEntries> streams = new ConcurrentHashMap<>();
    private final LongList all = new LongList();
    private final BlockingQueue<WriteCommand> commands = new LinkedBlockingQueue<>();
    private final Queue<Runnable> durableListeners = new ConcurrentLinkedQueue<>();
    private final Map<UUID, Long> recentEventIds = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
            return size() > RECENT_EVENT_IDS;
        }
    };
    private final Thread writer;
    private final LongAdder committedWrites = new LongAdder();
    private final LongAdder fsyncs = new LongAdder();
    private volatile long durableEnd;
    private volatile Throwable failure;
    private volatile boolean closed;

    private StreamDatabase(StreamDatabaseSettings settings) {
        this.settings = settings;
        this.segmentedLog = SegmentedLog.open(
                settings.dataDirectory(),
                settings.segmentSize(),
                (position, payload) -> index(EventRecord.decode(payload), position));
        this.durableEnd = segmentedLog.end();
        log.info(
                "Event log opened in {}: {} records, {} streams, end position {}",
                settings.dataDirectory(),
                all.size(),
                streams.size(),
                durableEnd);
        this.writer = new Thread(this::writeLoop, "eventstore-writer");
        this.writer.setDaemon(true);
    }

    public static StreamDatabase open(StreamDatabaseSettings settings) {
        StreamDatabase store = new StreamDatabase(settings);
        store.writer.start();
        if (store.all.size() == 0) {
            SeededSystemStreams.seed(store);
        }
        return store;
    }

    public CompletableFuture<WriteOutcome> append(
            String stream, RevisionExpectation expected, List<ProposedEvent> events) {
        return submit(new WriteCommand.Append(stream, expected, List.copyOf(events), new CompletableFuture<>()));
    }

    /** Soft delete: the stream reads as not found until it is written again; its events stay in {@code $all}. */
    public CompletableFuture<WriteOutcome> delete(String stream, RevisionExpectation expected) {
        return submit(new WriteCommand.Delete(stream, expected, new CompletableFuture<>()));
    }

    /** Hard delete: the stream can never be read or written again. */
    public CompletableFuture<WriteOutcome> tombstone(String stream, RevisionExpectation expected) {
        return submit(new WriteCommand.Tombstone(stream, expected, new CompletableFuture<>()));
    }

    private CompletableFuture<WriteOutcome> submit(WriteCommand command) {
        Throwable failed = failure;
        if (failed != null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("Event store stopped after a failure", failed));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("Event store is closed"));
        }
        commands.add(command);
        return command.result();
    }

    /** Write commands answered so far, and the fsyncs they took: the ratio shows how well group commit works. */
    public WriteStats writeStats() {
        return new WriteStats(committedWrites.sum(), fsyncs.sum());
    }

    public record WriteStats(long writes, long fsyncs) {}

    /** Global position one past the last synced record. */
    public long durableEnd() {
        return durableEnd;
    }

    /** The stream as of the durable end {@code end} (read {@link #durableEnd()} first). */
    public StreamView stream(String name, long end) {
        StreamEntries entries = streams.get(name);
        return entries == null ? StreamView.missing() : entries.view(end);
    }

    /** Number of records in {@code $all} below the durable end {@code end} (read {@link #durableEnd()} first). */
    public int allCount(long end) {
        int count = all.size();
        while (count > 0 && all.get(count - 1) >= end) {
            count--;
        }
        return count;
    }

    public long allPosition(int index) {
        return all.get(index);
    }

    /** Index in {@code $all} of the first record at or after {@code position}, among the first {@code count}. */
    public int allIndexAtOrAfter(long position, int count) {
        return all.lowerBound(position, count);
    }

    public StoredEvent read(long position) {
        return new StoredEvent(position, EventRecord.decode(segmentedLog.read(position)));
    }

    /**
     * Runs {@code listener} once, as soon as the durable end has moved beyond {@code seenEnd} (at once if it
     * already has). Listeners must be quick: they run on the writer thread.
     */
    public void whenDurableBeyond(long seenEnd, Runnable listener) {
        durableListeners.add(listener);
        if (durableEnd > seenEnd && durableListeners.remove(listener)) {
            listener.run();
        }
    }

    private void writeLoop() {
        List<WriteCommand> batch = new ArrayList<>();
        while (!closed) {
            try {
                WriteCommand first = commands.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                commands.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // The index may now hold records that are not durable: refuse everything from here on.
                log.error("Event store writer failed; the node stops accepting writes", e);
                failure = e;
                batch.forEach(command -> command.result().completeExceptionally(e));
                failPending(e);
                return;
            } finally {
                batch.clear();
            }
        }
        failPending(new IllegalStateException("Event store is closed"));
    }

    private void commit(List<WriteCommand> batch) {
        List<WriteOutcome> results = new ArrayList<>(batch.size());
        long before = segmentedLog.end();
        for (WriteCommand command : batch) {
            results.add(execute(command));
        }
        if (segmentedLog.end() != before) {
            segmentedLog.sync();
            fsyncs.increment();
            durableEnd = segmentedLog.end();
        }
        committedWrites.add(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
        Runnable listener;
        while ((listener = durableListeners.poll()) != null) {
            listener.run();
        }
    }

    private void failPending(Throwable cause) {
        WriteCommand command;
        while ((command = commands.poll()) != null) {
            command.result().completeExceptionally(cause);
        }
    }

    private WriteOutcome execute(WriteCommand command) {
        StreamEntries entries = streams.get(command.stream());
        if (entries != null && entries.tombstoned()) {
            return new WriteOutcome.StreamDeleted(command.stream());
        }
        long lastRevision = entries == null ? -1 : entries.lastRevision();
        boolean softDeleted = entries != null && entries.softDeleted();
        boolean satisfied = satisfies(command.expected(), lastRevision, softDeleted);
        // A retry of an append that already went through answers as the first time (EventStoreDB's idempotent
        // writes): with "any" it would otherwise be written twice, with an exact expectation it would now fail.
        if (command instanceof WriteCommand.Append append
                && (!satisfied || append.expected().kind() == RevisionExpectation.Kind.ANY)) {
            WriteOutcome replay = idempotentReplay(append, entries);
            if (replay != null) {
                return replay;
            }
        }
        if (!satisfied) {
            return new WriteOutcome.WrongExpectedRevision(lastRevision, command.expected());
        }
        if (command instanceof WriteCommand.Append append) {
            return writeEvents(append, entries, lastRevision, softDeleted);
        }
        if (command instanceof WriteCommand.Delete) {
            return writeRecords(
                    List.of(metadataRecord(command.stream(), entries, StreamMetadataVersion.SOFT_DELETED)),
                    lastRevision);
        }
        return writeRecords(List.of(tombstoneRecord(command.stream())), lastRevision);
    }

    /** EventStoreDB's expected-version rules; a soft-deleted stream counts as absent but keeps its revision. */
    private static boolean satisfies(RevisionExpectation expected, long lastRevision, boolean softDeleted) {
        return switch (expected.kind()) {
            case ANY -> true;
            case NO_STREAM -> lastRevision == -1 || softDeleted;
            case STREAM_EXISTS -> lastRevision >= 0 && !softDeleted;
            case EXACT -> expected.revision() == lastRevision;
        };
    }

    /**
     * A retried append whose events are already in the stream at the place the expectation names succeeds again
     * without writing anything, as in EventStoreDB (idempotent writes by event id). With {@code any} the node
     * remembers recent event ids, as EventStoreDB does.
     */
    private WriteOutcome idempotentReplay(WriteCommand.Append append, StreamEntries entries) {
        if (entries == null || append.events().isEmpty()) {
            return null;
        }
        long firstRevision;
        switch (append.expected().kind()) {
            case EXACT -> firstRevision = append.expected().revision() + 1;
            case NO_STREAM -> firstRevision = 0;
            case ANY -> {
                Long position = recentEventIds.get(append.events().get(0).eventId());
                if (position == null) {
                    return null;
                }
                EventRecord first = read(position).record();
                if (!first.stream().equals(append.stream())) {
                    return null;
                }
                firstRevision = first.revision();
            }
            default -> {
                return null;
            }
        }
        long lastRevision = firstRevision + append.events().size() - 1;
        if (firstRevision < 0 || lastRevision > entries.lastRevision()) {
            return null;
        }
        for (int i = 0; i < append.events().size(); i++) {
            long position = entries.positions.get((int) (firstRevision + i));
            if (!read(position).record().eventId().equals(append.events().get(i).eventId())) {
                return null;
            }
        }
        return new WriteOutcome.Written(lastRevision, entries.positions.get((int) lastRevision));
    }

    private WriteOutcome writeEvents(
            WriteCommand.Append append, StreamEntries entries, long lastRevision, boolean softDeleted) {
        if (append.events().isEmpty()) {
            return new WriteOutcome.Written(lastRevision, -1);
        }
        List<EventRecord> records = new ArrayList<>(append.events().size() + 1);
        if (softDeleted) {
            // Writing to a soft-deleted stream brings it back: its metadata now hides only the old events.
            records.add(metadataRecord(append.stream(), entries, lastRevision + 1));
        }
        long created = ticks(settings.clock().instant());
        long revision = lastRevision;
        for (ProposedEvent event : append.events()) {
            records.add(new EventRecord(
                    append.stream(),
                    ++revision,
                    event.eventId(),
                    event.eventType(),
                    event.json(),
                    created,
                    event.data(),
                    event.customMetadata()));
        }
        return writeRecords(records, revision);
    }

    private WriteOutcome writeRecords(List<EventRecord> records, long currentRevision) {
        List<ByteBuffer> payloads = new ArrayList<>(records.size());
        for (EventRecord record : records) {
            payloads.add(record.encode());
        }
        long[] positions = segmentedLog.append(payloads);
        for (int i = 0; i < records.size(); i++) {
            index(records.get(i), positions[i]);
            recentEventIds.put(records.get(i).eventId(), positions[i]);
        }
        return new WriteOutcome.Written(currentRevision, positions[positions.length - 1]);
    }

    private EventRecord metadataRecord(String stream, StreamEntries entries, long truncateBefore) {
        String metastream = "$$" + stream;
        StreamEntries meta = streams.get(metastream);
        byte[] data =
                StreamMetadataVersion.withTruncateBefore(entries == null ? null : entries.metadata, truncateBefore);
        return new EventRecord(
                metastream,
                meta == null ? 0 : meta.lastRevision() + 1,
                UUID.randomUUID(),
                EventRecord.METADATA_TYPE,
                true,
                ticks(settings.clock().instant()),
                data,
                new byte[0]);
    }

    private EventRecord tombstoneRecord(String stream) {
        return new EventRecord(
                stream,
                EventRecord.TOMBSTONE_REVISION,
                UUID.randomUUID(),
                EventRecord.TOMBSTONE_TYPE,
                false,
                ticks(settings.clock().instant()),
                new byte[0],
                new byte[0]);
    }

    /** Adds a record to the in-memory index; used both for new writes and when replaying the log at start-up. */
    private void index(EventRecord record, long position) {
        all.add(position);
        StreamEntries entries = streams.computeIfAbsent(record.stream(), StreamEntries::new);
        if (record.isTombstone()) {
            entries.tombstonePosition = position;
            return;
        }
        entries.positions.add(position);
        if (record.stream().startsWith("$$") && EventRecord.METADATA_TYPE.equals(record.eventType())) {
            StreamEntries target = streams.computeIfAbsent(record.stream().substring(2), StreamEntries::new);
            target.metadata = StreamMetadataVersion.parse(position, record.data(), target.metadata);
        }
    }

    static long ticks(Instant instant) {
        return instant.getEpochSecond() * 10_000_000L + instant.getNano() / 100;
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        segmentedLog.close();
    }
}
