package dev.ledgerloop.eventstore.embedded.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of opaque records spread over segment files.
 *
 * <p>A record is framed as {@code [int length][int crc32c(payload)][payload]}. Its position is a byte offset in
 * one global address space: a segment file is named after the global offset of its first byte, so positions grow
 * across segments without gaps. Records never span segments, and neither do the records of one {@link #append}.
 *
 * <p>The records of one {@link #append} call are all-or-nothing: every frame but the last of an append has the
 * high bit of its length word set ({@link #CONTINUED}), and recovery only keeps an append whose last frame is there.
 * A log written before this flag existed has it clear everywhere, so each of its records counts as complete.
 *
 * <p>Writes are not durable until {@link #sync()} returns. On {@link #open} every segment is scanned. In the last
 * one, a torn tail is truncated back to the end of the last whole append: a first bad frame (short, bad length or
 * failing its CRC) after which no intact frame starts and, if its length fits, only zeros follow. That can only be
 * a write that was never acknowledged, because acknowledgement waits for the fsync and a crash only loses bytes
 * written after the last one. A bad frame with data after it is damage to records that may have been acknowledged,
 * and so is any bad frame in an earlier, sealed segment: {@link #open} throws {@link CorruptLogException} naming
 * the file and offset and changes nothing.
 *
 * <p>Only one thread may append; any number of threads may {@link #read} concurrently (positional reads).
 */
public final class SegmentedLog implements AutoCloseable {
    public static final int FRAME_HEADER_BYTES = 8;
    /** Set in a frame's length word when more records of the same append follow it. */
    static final int CONTINUED = 0x8000_0000;

    private static final Logger log = LoggerFactory.getLogger(SegmentedLog.class);
    private static final String SUFFIX = ".seg";
    private static final int SCAN_WINDOW = 1 << 20;

    private final Path directory;
    private final long segmentSize;
    private final ConcurrentSkipListMap<Long, FileChannel> segments = new ConcurrentSkipListMap<>();
    private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
    private Path lockPath;
    private FileChannel lockChannel;
    private FileChannel head;
    private long headBase;
    private long end;

    private SegmentedLog(Path directory, long segmentSize) {
        this.directory = directory;
        this.segmentSize = segmentSize;
    }

    /**
     * Opens (or creates) the log in {@code directory}, recovering a torn tail, and hands every intact record to
     * {@code visitor} in log order before returning.
     */
    public static SegmentedLog open(Path directory, long segmentSize, BiConsumer<Long, ByteBuffer> visitor) {
        SegmentedLog segmentedLog = new SegmentedLog(directory, segmentSize);
        try {
            Files.createDirectories(directory);
            segmentedLog.lock();
            segmentedLog.recover(visitor);
        } catch (IOException e) {
            segmentedLog.close();
            throw new UncheckedIOException("Cannot open event log in " + directory, e);
        } catch (RuntimeException e) {
            segmentedLog.close();
            throw e;
        }
        return segmentedLog;
    }

    /**
     * Two nodes appending to one log would interleave their frames: the second one is refused. Another process is
     * kept out by a file lock; this JVM keeps its own set, because on Linux closing any channel to the lock file
     * would release the lock a first node in this process holds.
     */
    private void lock() throws IOException {
        Path lockFile = directory.resolve("lock").toAbsolutePath().normalize();
        if (!LOCKED_IN_THIS_JVM.add(lockFile)) {
            throw inUse();
        }
        lockPath = lockFile;
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (lockChannel.tryLock() == null) {
            throw inUse();
        }
    }

    private IllegalStateException inUse() {
        return new IllegalStateException("The event log in " + directory + " is in use by another node");
    }

    private void recover(BiConsumer<Long, ByteBuffer> visitor) throws IOException {
        List<Long> bases = listSegmentBases();
        if (bases.isEmpty()) {
            createSegment(0);
            fsyncDirectory();
            return;
        }
        long expectedBase = bases.get(0);
        for (int i = 0; i < bases.size(); i++) {
            long base = bases.get(i);
            if (base != expectedBase) {
                throw new CorruptLogException("Event log segment "
                        + segmentPath(base).toAbsolutePath() + " does not start where the previous one ends ("
                        + expectedBase + "); the node does not start");
            }
            boolean last = i == bases.size() - 1;
            FileChannel channel =
                    FileChannel.open(segmentPath(base), StandardOpenOption.READ, StandardOpenOption.WRITE);
            segments.put(base, channel);
            long validLength = scan(base, channel, visitor, last);
            if (last) {
                if (validLength < channel.size()) {
                    log.warn(
                            "Truncating torn tail of segment {}: {} unacknowledged bytes after offset {}",
                            segmentName(base),
                            channel.size() - validLength,
                            validLength);
                    channel.truncate(validLength);
                }
                // A node that crashed may have left records it never synced in the page cache only; they are about
                // to be served as durable, so make them durable (and the segment files' directory entries too).
                channel.force(true);
                fsyncDirectory();
            }
            expectedBase = base + validLength;
            if (last) {
                head = channel;
                headBase = base;
                end = base + validLength;
            }
        }
    }

    private long scan(long base, FileChannel channel, BiConsumer<Long, ByteBuffer> visitor, boolean last)
            throws IOException {
        long size = channel.size();
        long offset = 0;
        // End of the last complete append, and the records of the append being read, handed over once complete.
        long complete = 0;
        List<Long> pendingPositions = new ArrayList<>();
        List<ByteBuffer> pendingPayloads = new ArrayList<>();
        ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES);
        CRC32C crc = new CRC32C();
        while (offset < size) {
            String problem = null;
            ByteBuffer payload = null;
            boolean continued = false;
            if (size - offset < FRAME_HEADER_BYTES) {
                problem = "short frame header";
            } else {
                header.clear();
                readFully(channel, header, offset);
                header.flip();
                int lengthWord = header.getInt();
                continued = (lengthWord & CONTINUED) != 0;
                int length = lengthWord & ~CONTINUED;
                int storedCrc = header.getInt();
                if (length <= 0 || length > size - offset - FRAME_HEADER_BYTES) {
                    problem = "frame length " + length + " out of bounds";
                } else {
                    payload = ByteBuffer.allocate(length);
                    readFully(channel, payload, offset + FRAME_HEADER_BYTES);
                    payload.flip();
                    crc.reset();
                    crc.update(payload.duplicate());
                    if ((int) crc.getValue() != storedCrc) {
                        problem = "CRC32C mismatch";
                    }
                }
            }
            if (problem != null) {
                if (!last) {
                    throw damaged(base, offset, problem, "in a sealed segment, which only holds synced records");
                }
                String after = dataAfterBadFrame(channel, offset, size, payload);
                if (after != null) {
                    throw damaged(base, offset, problem, after + ", so it is not a torn write");
                }
                return complete;
            }
            pendingPositions.add(base + offset);
            pendingPayloads.add(payload);
            offset += FRAME_HEADER_BYTES + payload.capacity();
            if (!continued) {
                for (int i = 0; i < pendingPositions.size(); i++) {
                    visitor.accept(pendingPositions.get(i), pendingPayloads.get(i));
                }
                pendingPositions.clear();
                pendingPayloads.clear();
                complete = offset;
            }
        }
        if (complete < offset && !last) {
            throw damaged(base, complete, "the segment ends inside an append", "in a sealed segment");
        }
        return complete;
    }

    /**
     * Decides whether a bad frame at {@code offset} of the last segment is a torn tail: returns {@code null} if it
     * is, else what follows it. A crash leaves the bytes written before it and loses only some of those written
     * after the last fsync, so a torn write is followed by nothing but other unsynced bytes, which read back as
     * zeros when they were lost. Hence the frame is torn only if no intact frame starts anywhere after its first
     * byte and, when its header is whole and its length fits in the file, only zeros follow its end.
     */
    private String dataAfterBadFrame(FileChannel channel, long offset, long size, ByteBuffer payload)
            throws IOException {
        long intact = firstIntactFrame(channel, offset + 1, size);
        if (intact >= 0) {
            return "an intact record follows at offset " + intact;
        }
        if (payload != null) {
            long frameEnd = offset + FRAME_HEADER_BYTES + payload.capacity();
            long nonZero = firstNonZeroByte(channel, frameEnd, size);
            if (nonZero >= 0) {
                return "non-zero data follows the frame at offset " + nonZero;
            }
        }
        return null;
    }

    private static long firstIntactFrame(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(SCAN_WINDOW + FRAME_HEADER_BYTES);
        CRC32C crc = new CRC32C();
        for (long start = from; start + FRAME_HEADER_BYTES <= size; start += SCAN_WINDOW) {
            window.clear().limit((int) Math.min(window.capacity(), size - start));
            readFully(channel, window, start);
            for (int i = 0; i < SCAN_WINDOW && i + FRAME_HEADER_BYTES <= window.limit(); i++) {
                long candidate = start + i;
                int length = window.getInt(i) & ~CONTINUED;
                if (length <= 0 || length > size - candidate - FRAME_HEADER_BYTES) {
                    continue;
                }
                ByteBuffer candidatePayload = ByteBuffer.allocate(length);
                readFully(channel, candidatePayload, candidate + FRAME_HEADER_BYTES);
                crc.reset();
                crc.update(candidatePayload.flip());
                if ((int) crc.getValue() == window.getInt(i + 4)) {
                    return candidate;
                }
            }
        }
        return -1;
    }

    private static long firstNonZeroByte(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(SCAN_WINDOW);
        for (long start = from; start < size; start += SCAN_WINDOW) {
            window.clear().limit((int) Math.min(SCAN_WINDOW, size - start));
            readFully(channel, window, start);
            for (int i = 0; i < window.limit(); i++) {
                if (window.get(i) != 0) {
                    return start + i;
                }
            }
        }
        return -1;
    }

    private CorruptLogException damaged(long base, long offset, String problem, String why) {
        return new CorruptLogException(
                "Event log segment " + segmentPath(base).toAbsolutePath() + " is damaged at offset "
                        + offset + " (log position " + (base + offset) + "): " + problem + "; " + why
                        + ". Acknowledged events may be affected, so the node does not start and changes nothing."
                        + " Restore the data directory from a backup, or, knowing that every event from that offset on is"
                        + " lost, truncate the file there and remove later segments.");
    }

    /** Global position one past the last record written (durable or not). */
    public long end() {
        return end;
    }

    /**
     * Appends records in order without syncing, as one all-or-nothing append (see the class comment); returns the
     * position of each. When the append does not fit in the current segment, that segment is synced and sealed
     * first, so a sealed segment is always durable and an append never spans two segments. An append larger than
     * a segment gets a segment of its own.
     */
    public long[] append(List<ByteBuffer> payloads) {
        long[] positions = new long[payloads.size()];
        try {
            long appendLength = 0;
            for (ByteBuffer payload : payloads) {
                appendLength += FRAME_HEADER_BYTES + payload.remaining();
            }
            long headLength = end - headBase;
            if (headLength > 0 && headLength + appendLength > segmentSize) {
                roll();
                headLength = 0;
            }
            List<ByteBuffer> frames = new ArrayList<>(payloads.size() * 2);
            for (int i = 0; i < payloads.size(); i++) {
                ByteBuffer payload = payloads.get(i);
                positions[i] = headBase + headLength;
                frames.add(frameHeader(payload, i < payloads.size() - 1));
                frames.add(payload.duplicate());
                headLength += FRAME_HEADER_BYTES + payload.remaining();
            }
            writeFrames(frames);
        } catch (IOException e) {
            throw new UncheckedIOException("Append to event log failed", e);
        }
        return positions;
    }

    private static ByteBuffer frameHeader(ByteBuffer payload, boolean continued) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES);
        header.putInt(payload.remaining() | (continued ? CONTINUED : 0))
                .putInt((int) crc.getValue())
                .flip();
        return header;
    }

    private void writeFrames(List<ByteBuffer> frames) throws IOException {
        if (frames.isEmpty()) {
            return;
        }
        ByteBuffer[] buffers = frames.toArray(ByteBuffer[]::new);
        long remaining = 0;
        for (ByteBuffer buffer : buffers) {
            remaining += buffer.remaining();
        }
        long writeAt = end - headBase;
        head.position(writeAt);
        while (remaining > 0) {
            remaining -= head.write(buffers);
        }
        end = headBase + head.position();
    }

    private void roll() throws IOException {
        head.force(false);
        createSegment(end);
        fsyncDirectory();
    }

    private void createSegment(long base) throws IOException {
        FileChannel channel = FileChannel.open(
                segmentPath(base), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        segments.put(base, channel);
        head = channel;
        headBase = base;
        end = base;
    }

    /** Makes every record appended so far durable (one fsync for all of them: group commit). */
    public void sync() {
        try {
            head.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("fsync of event log failed", e);
        }
    }

    /** Reads the payload of the record at {@code position}. Safe to call from any thread. */
    public ByteBuffer read(long position) {
        var entry = segments.floorEntry(position);
        if (entry == null) {
            throw new IllegalArgumentException("No segment holds position " + position);
        }
        FileChannel channel = entry.getValue();
        long offset = position - entry.getKey();
        try {
            ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES);
            readFully(channel, header, offset);
            header.flip();
            int length = header.getInt() & ~CONTINUED;
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(channel, payload, offset + FRAME_HEADER_BYTES);
            return payload.flip();
        } catch (IOException e) {
            throw new UncheckedIOException("Read of event log position " + position + " failed", e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("Unexpected end of segment at " + at);
            }
            at += read;
        }
    }

    private List<Long> listSegmentBases() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> Long.parseLong(name.substring(0, name.length() - SUFFIX.length())))
                    .sorted()
                    .toList();
        }
    }

    private void fsyncDirectory() {
        // Makes the creation of a new segment file itself durable; not every file system allows it.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("Directory fsync not supported for {}", directory);
        }
    }

    private Path segmentPath(long base) {
        return directory.resolve(segmentName(base));
    }

    private static String segmentName(long base) {
        return String.format("%020d%s", base, SUFFIX);
    }

    @Override
    public void close() {
        for (FileChannel channel : segments.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("Closing a segment failed", e);
            }
        }
        segments.clear();
        if (lockChannel != null) {
            try {
                lockChannel.close();
            } catch (IOException e) {
                log.warn("Releasing the log lock failed", e);
            }
        }
        if (lockPath != null) {
            LOCKED_IN_THIS_JVM.remove(lockPath);
        }
    }
}
