package dev.ledgerloop.eventstore.embedded.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerloop.eventstore.embedded.log.CorruptLogException;
import dev.ledgerloop.eventstore.embedded.log.SegmentedLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recovery of {@link SegmentedLog} on its own: what survives a close and reopen, and what {@code open} does with
 * the damage a crash can leave (a torn or garbage tail of the last segment) versus damage it must refuse to repair
 * (anything in a sealed segment).
 */
class SegmentedLogRecoveryTest {
    private static final long LARGE_SEGMENT = 64L * 1024 * 1024;
    private static final int HEADER = SegmentedLog.FRAME_HEADER_BYTES;

    @TempDir
    Path dir;

    private final Random random = new Random(20_240_521L);

    /** A record as the log hands it back: its global position and its payload bytes. */
    record Entry(long position, byte[] payload) {
        int frameLength() {
            return HEADER + payload.length;
        }

        long frameEnd() {
            return position + frameLength();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry entry && entry.position == position && Arrays.equals(entry.payload, payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(position) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Entry[position=" + position + ", length=" + payload.length + "]";
        }
    }

    /** An open log plus what its recovery handed to the visitor. */
    record Opened(SegmentedLog log, List<Entry> recovered) implements AutoCloseable {
        @Override
        public void close() {
            log.close();
        }
    }

    private Opened open(long segmentSize) {
        List<Entry> recovered = new ArrayList<>();
        SegmentedLog log = SegmentedLog.open(dir, segmentSize, (position, payload) -> {
            byte[] bytes = new byte[payload.remaining()];
            payload.duplicate().get(bytes);
            recovered.add(new Entry(position, bytes));
        });
        return new Opened(log, recovered);
    }

    private byte[] randomPayload(int minLength, int maxLength) {
        byte[] bytes = new byte[minLength + random.nextInt(maxLength - minLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Appends the payloads as one append (one call), syncs, and returns them with their positions. */
    private static List<Entry> appendAndSync(SegmentedLog log, List<byte[]> payloads) {
        List<ByteBuffer> buffers = payloads.stream().map(ByteBuffer::wrap).toList();
        long[] positions = log.append(buffers);
        log.sync();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            entries.add(new Entry(positions[i], payloads.get(i)));
        }
        return entries;
    }

    /** Writes {@code appends} appends of one to {@code maxRecords} random records each. */
    private List<Entry> appendRandom(SegmentedLog log, int appends, int maxRecords, int maxLength) {
        List<Entry> written = new ArrayList<>();
        for (int i = 0; i < appends; i++) {
            List<byte[]> payloads = new ArrayList<>();
            int records = 1 + random.nextInt(maxRecords);
            for (int r = 0; r < records; r++) {
                payloads.add(randomPayload(1, maxLength));
            }
            written.addAll(appendAndSync(log, payloads));
        }
        return written;
    }

    private static void assertReadable(SegmentedLog log, List<Entry> entries) {
        for (Entry entry : entries) {
            ByteBuffer read = log.read(entry.position());
            byte[] bytes = new byte[read.remaining()];
            read.get(bytes);
            assertThat(bytes)
                    .as("payload read back at position %d", entry.position())
                    .isEqualTo(entry.payload());
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".seg"))
                    .sorted()
                    .toList();
        }
    }

    private Path lastSegment() throws IOException {
        List<Path> files = segmentFiles();
        return files.get(files.size() - 1);
    }

    private static long baseOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".seg".length()));
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.flip();
            byte flipped = (byte) (one.get() ^ 0x5A);
            channel.write(ByteBuffer.wrap(new byte[] {flipped}), offset);
        }
    }

    private static Path writeInt(Path file, long offset, int value) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(value).flip(), offset);
        }
        return file;
    }

    private Map<Path, byte[]> snapshotFiles() throws IOException {
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                contents.put(file.getFileName(), Files.readAllBytes(file));
            }
        }
        return contents;
    }

    private static void assertSameFiles(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        assertThat(after.keySet()).as("files in the log directory").containsExactlyElementsOf(before.keySet());
        before.forEach((name, bytes) ->
                assertThat(after.get(name)).as("content of %s", name).isEqualTo(bytes));
    }

    // (a) ------------------------------------------------------------------------------------------------------

    @Test
    void records_survive_close_and_reopen_byte_identical() {
        List<Entry> written;
        long end;
        try (Opened first = open(LARGE_SEGMENT)) {
            assertThat(first.recovered()).isEmpty();
            assertThat(first.log().end()).isZero();
            written = appendRandom(first.log(), 200, 5, 3000);
            end = first.log().end();
            assertReadable(first.log(), written);
        }

        try (Opened reopened = open(LARGE_SEGMENT)) {
            assertThat(reopened.recovered()).containsExactlyElementsOf(written);
            assertThat(reopened.log().end()).isEqualTo(end);
            assertReadable(reopened.log(), written);
        }
    }

    @Test
    void positions_are_contiguous_frames() {
        try (Opened opened = open(LARGE_SEGMENT)) {
            List<Entry> written = appendRandom(opened.log(), 50, 4, 500);
            assertThat(written.get(0).position()).isZero();
            for (int i = 1; i < written.size(); i++) {
                assertThat(written.get(i).position())
                        .isEqualTo(written.get(i - 1).frameEnd());
            }
            assertThat(opened.log().end())
                    .isEqualTo(written.get(written.size() - 1).frameEnd());
        }
    }

    // (b) ------------------------------------------------------------------------------------------------------

    /** What a crash can leave after the last whole record of the last segment. */
    enum TornTail {
        /** The last record's frame was cut inside its payload. */
        CUT_IN_PAYLOAD,
        /** The last record's frame was cut inside its 8-byte header. */
        CUT_IN_HEADER,
        /** A partial header was written after the last whole record. */
        PARTIAL_HEADER_APPENDED,
        /** A whole header whose length runs past the end of the file. */
        HEADER_WITHOUT_PAYLOAD_APPENDED,
        /** Random bytes after the last whole record. */
        GARBAGE_APPENDED,
        /** Zeros after the last whole record (a file extended but never written, e.g. after a power loss). */
        ZEROS_APPENDED,
        /** The last record fails its CRC and only zeros follow it (a page of the in-flight write never written). */
        LAST_RECORD_DAMAGED_THEN_ZEROS
    }

    @ParameterizedTest
    @EnumSource(TornTail.class)
    void torn_tail_is_truncated_at_the_last_whole_record_and_appends_continue(TornTail tear) throws IOException {
        List<Entry> written;
        try (Opened first = open(LARGE_SEGMENT)) {
            written = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                written.addAll(appendAndSync(first.log(), List.of(randomPayload(20, 2000))));
            }
        }
        Path segment = lastSegment();
        Entry last = written.get(written.size() - 1);
        List<Entry> survivors = written;
        switch (tear) {
            case CUT_IN_PAYLOAD -> {
                truncate(segment, last.position() + HEADER + last.payload().length / 2);
                survivors = written.subList(0, written.size() - 1);
            }
            case CUT_IN_HEADER -> {
                truncate(segment, last.position() + 5);
                survivors = written.subList(0, written.size() - 1);
            }
            case PARTIAL_HEADER_APPENDED -> appendBytes(segment, new byte[] {0, 0, 1});
            case HEADER_WITHOUT_PAYLOAD_APPENDED ->
                appendBytes(
                        segment,
                        ByteBuffer.allocate(HEADER + 10).putInt(500).putInt(42).array());
            case GARBAGE_APPENDED -> appendBytes(segment, randomPayload(1, 700));
            case ZEROS_APPENDED -> appendBytes(segment, new byte[4096]);
            case LAST_RECORD_DAMAGED_THEN_ZEROS -> {
                flipByte(segment, last.position() + HEADER + last.payload().length / 2);
                appendBytes(segment, new byte[1000]);
                survivors = written.subList(0, written.size() - 1);
            }
        }
        long wholeEnd = survivors.get(survivors.size() - 1).frameEnd();

        List<Entry> more;
        try (Opened reopened = open(LARGE_SEGMENT)) {
            assertThat(reopened.recovered()).containsExactlyElementsOf(survivors);
            assertThat(reopened.log().end()).isEqualTo(wholeEnd);
            assertThat(Files.size(segment))
                    .as("segment truncated to its last whole record")
                    .isEqualTo(wholeEnd);

            more = appendRandom(reopened.log(), 10, 3, 1000);
            assertThat(more.get(0).position()).isEqualTo(wholeEnd);
        }

        List<Entry> expected = new ArrayList<>(survivors);
        expected.addAll(more);
        try (Opened again = open(LARGE_SEGMENT)) {
            assertThat(again.recovered()).containsExactlyElementsOf(expected);
            assertReadable(again.log(), expected);
        }
    }

    @Test
    void empty_last_segment_after_a_truncation_to_zero_is_reusable() throws IOException {
        try (Opened first = open(LARGE_SEGMENT)) {
            appendAndSync(first.log(), List.of(randomPayload(10, 100)));
        }
        truncate(lastSegment(), 3);
        try (Opened reopened = open(LARGE_SEGMENT)) {
            assertThat(reopened.recovered()).isEmpty();
            assertThat(reopened.log().end()).isZero();
            List<Entry> fresh = appendAndSync(reopened.log(), List.of(randomPayload(10, 100)));
            assertThat(fresh.get(0).position()).isZero();
        }
    }

    // (c) ------------------------------------------------------------------------------------------------------

    @Test
    void flipped_byte_in_the_last_record_fails_its_crc_and_truncates_it() throws IOException {
        List<Entry> written;
        try (Opened first = open(LARGE_SEGMENT)) {
            written = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                written.addAll(appendAndSync(first.log(), List.of(randomPayload(50, 1500))));
            }
        }
        Entry last = written.get(written.size() - 1);
        Path segment = lastSegment();
        flipByte(segment, last.position() + HEADER + last.payload().length / 3);

        List<Entry> survivors = written.subList(0, written.size() - 1);
        try (Opened reopened = open(LARGE_SEGMENT)) {
            assertThat(reopened.recovered()).containsExactlyElementsOf(survivors);
            assertThat(reopened.log().end()).isEqualTo(last.position());
            assertThat(Files.size(segment)).isEqualTo(last.position());
            Entry replacement = appendAndSync(reopened.log(), List.of(randomPayload(50, 1500)))
                    .get(0);
            assertThat(replacement.position()).isEqualTo(last.position());
        }
    }

    @Test
    void flipped_crc_in_the_last_records_header_truncates_it() throws IOException {
        List<Entry> written;
        try (Opened first = open(LARGE_SEGMENT)) {
            written = appendRandom(first.log(), 10, 1, 300);
        }
        Entry last = written.get(written.size() - 1);
        flipByte(lastSegment(), last.position() + 4);

        try (Opened reopened = open(LARGE_SEGMENT)) {
            assertThat(reopened.recovered()).containsExactlyElementsOf(written.subList(0, written.size() - 1));
        }
    }

    /**
     * Damage to a record of the last segment that has records (or any non-zero bytes) after it. A crash only tears
     * the end of the log: what follows the damage was written before the crash, so the damaged record was too, and
     * it may well have been acknowledged. The log must refuse to open, name the file and offset, and change nothing.
     */
    enum HeadDamage {
        FLIPPED_PAYLOAD_BYTE,
        FLIPPED_CRC_BYTE,
        /** The length word now runs past the end of the file. */
        LENGTH_PAST_THE_END,
        /** The length word now ends the frame inside its own payload: the rest of it follows the "frame". */
        LENGTH_SHORTER,
        /** Header zeroed, as a lost page would leave it. */
        ZEROED_HEADER,
        /** The record is the last one, but non-zero bytes that are not a record follow it. */
        LAST_RECORD_FLIPPED_THEN_GARBAGE
    }

    @ParameterizedTest
    @EnumSource(HeadDamage.class)
    void damage_before_other_data_in_the_last_segment_is_reported_and_leaves_the_files_untouched(HeadDamage damage)
            throws IOException {
        List<Entry> written;
        try (Opened first = open(LARGE_SEGMENT)) {
            written = appendRandom(first.log(), 60, 3, 700);
        }
        Path segment = lastSegment();
        assertThat(segmentFiles()).hasSize(1);
        Entry victim = damage == HeadDamage.LAST_RECORD_FLIPPED_THEN_GARBAGE
                ? written.get(written.size() - 1)
                : written.get(written.size() / 2);
        long offset = victim.position();
        switch (damage) {
            case FLIPPED_PAYLOAD_BYTE -> flipByte(segment, offset + HEADER + victim.payload().length / 2);
            case FLIPPED_CRC_BYTE -> flipByte(segment, offset + 5);
            case LENGTH_PAST_THE_END -> writeInt(segment, offset, 0x3fff_0000);
            case LENGTH_SHORTER -> writeInt(segment, offset, victim.payload().length / 2);
            case ZEROED_HEADER -> writeInt(writeInt(segment, offset, 0), offset + 4, 0);
            case LAST_RECORD_FLIPPED_THEN_GARBAGE -> {
                flipByte(segment, offset + HEADER + victim.payload().length / 2);
                appendBytes(segment, new byte[] {0, 0, 0, 0, 7, 0, 0});
            }
        }
        Map<Path, byte[]> before = snapshotFiles();

        assertThatThrownBy(() -> open(LARGE_SEGMENT))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(segment.toAbsolutePath().toString())
                .hasMessageContaining("offset " + offset + " ");
        assertSameFiles(before, snapshotFiles());

        assertThatThrownBy(() -> open(LARGE_SEGMENT)).isInstanceOf(CorruptLogException.class);
        assertSameFiles(before, snapshotFiles());
    }

    @Test
    void damage_inside_a_multi_record_append_in_the_middle_of_the_last_segment_is_reported() throws IOException {
        List<Entry> batch;
        try (Opened first = open(LARGE_SEGMENT)) {
            appendRandom(first.log(), 10, 3, 500);
            batch = appendAndSync(
                    first.log(), List.of(randomPayload(10, 500), randomPayload(10, 500), randomPayload(10, 500)));
            appendRandom(first.log(), 10, 3, 500);
        }
        Entry victim = batch.get(1);
        flipByte(lastSegment(), victim.position() + HEADER + victim.payload().length / 2);
        Map<Path, byte[]> before = snapshotFiles();

        assertThatThrownBy(() -> open(LARGE_SEGMENT))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("offset " + victim.position() + " ");
        assertSameFiles(before, snapshotFiles());
    }

    // Atomicity of one append ----------------------------------------------------------------------------------

    /**
     * The records of one {@link SegmentedLog#append} call are one write of the store (one client append): a crash
     * that leaves only some of them on disk must not bring back that part.
     */
    @Test
    void a_multi_record_append_cut_at_a_record_boundary_is_dropped_as_a_whole() throws IOException {
        List<Entry> before;
        List<Entry> batch;
        try (Opened first = open(LARGE_SEGMENT)) {
            before = appendRandom(first.log(), 10, 3, 500);
            batch = appendAndSync(
                    first.log(), List.of(randomPayload(10, 500), randomPayload(10, 500), randomPayload(10, 500)));
        }
        // The first two records of the batch are whole and pass their CRC; the third never made it.
        truncate(lastSegment(), batch.get(2).position());

        try (Opened reopened = open(LARGE_SEGMENT)) {
            assertThat(reopened.recovered())
                    .as("records of a partly written append")
                    .containsExactlyElementsOf(before);
            assertThat(reopened.log().end()).isEqualTo(batch.get(0).position());
        }
    }

    @Test
    void a_multi_record_append_torn_inside_its_last_record_is_dropped_as_a_whole() throws IOException {
        List<Entry> before;
        List<Entry> batch;
        try (Opened first = open(LARGE_SEGMENT)) {
            before = appendRandom(first.log(), 10, 3, 500);
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                payloads.add(randomPayload(100, 500));
            }
            batch = appendAndSync(first.log(), payloads);
        }
        Entry last = batch.get(batch.size() - 1);
        truncate(lastSegment(), last.position() + HEADER + 50);

        try (Opened reopened = open(LARGE_SEGMENT)) {
            assertThat(reopened.recovered()).containsExactlyElementsOf(before);
            List<Entry> after = appendRandom(reopened.log(), 3, 3, 500);
            assertThat(after.get(0).position()).isEqualTo(batch.get(0).position());
        }
    }

    @Test
    void a_multi_record_append_never_spans_two_segments() throws IOException {
        long segmentSize = 4096;
        List<Entry> written = new ArrayList<>();
        List<List<Entry>> appends = new ArrayList<>();
        try (Opened first = open(segmentSize)) {
            for (int i = 0; i < 60; i++) {
                List<byte[]> payloads = new ArrayList<>();
                int records = 2 + random.nextInt(4);
                for (int r = 0; r < records; r++) {
                    payloads.add(randomPayload(50, 400));
                }
                List<Entry> entries = appendAndSync(first.log(), payloads);
                appends.add(entries);
                written.addAll(entries);
            }
        }
        List<Long> bases =
                segmentFiles().stream().map(SegmentedLogRecoveryTest::baseOf).toList();
        assertThat(bases).hasSizeGreaterThan(3);
        for (List<Entry> append : appends) {
            long firstSegment = segmentOf(bases, append.get(0).position());
            long lastSegment = segmentOf(bases, append.get(append.size() - 1).position());
            assertThat(lastSegment)
                    .as(
                            "segment of the last record of the append at %d",
                            append.get(0).position())
                    .isEqualTo(firstSegment);
        }
        try (Opened reopened = open(segmentSize)) {
            assertThat(reopened.recovered()).containsExactlyElementsOf(written);
        }
    }

    private static long segmentOf(List<Long> bases, long position) {
        long base = bases.get(0);
        for (long candidate : bases) {
            if (candidate <= position) {
                base = candidate;
            }
        }
        return base;
    }

    // (d) ------------------------------------------------------------------------------------------------------

    @Test
    void small_segments_roll_over_with_contiguous_positions_and_all_records_readable_after_reopen() throws IOException {
        long segmentSize = 4096;
        List<Entry> written;
        try (Opened first = open(segmentSize)) {
            written = appendRandom(first.log(), 150, 3, 700);
            assertReadable(first.log(), written);
        }

        List<Path> files = segmentFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        // Each file is named after the global position of its first byte, and segments tile the address space.
        long expectedBase = 0;
        for (Path file : files) {
            assertThat(baseOf(file)).as("base of %s", file.getFileName()).isEqualTo(expectedBase);
            assertThat(Files.size(file)).as("size of %s", file.getFileName()).isLessThanOrEqualTo(segmentSize);
            expectedBase += Files.size(file);
        }
        // Positions are contiguous across segment boundaries: each record starts where the previous one ended.
        assertThat(written.get(0).position()).isZero();
        for (int i = 1; i < written.size(); i++) {
            assertThat(written.get(i).position())
                    .as("position of record %d", i)
                    .isEqualTo(written.get(i - 1).frameEnd());
        }
        List<Long> bases = files.stream().map(SegmentedLogRecoveryTest::baseOf).toList();
        assertThat(written.stream().map(Entry::position).toList())
                .as("every segment starts with a record")
                .containsAll(bases);

        List<Entry> more;
        try (Opened reopened = open(segmentSize)) {
            assertThat(reopened.recovered()).containsExactlyElementsOf(written);
            assertThat(reopened.log().end()).isEqualTo(expectedBase);
            assertReadable(reopened.log(), written);
            more = appendRandom(reopened.log(), 30, 3, 700);
            assertThat(more.get(0).position()).isEqualTo(expectedBase);
        }
        List<Entry> all = new ArrayList<>(written);
        all.addAll(more);
        try (Opened again = open(segmentSize)) {
            assertThat(again.recovered()).containsExactlyElementsOf(all);
            assertReadable(again.log(), all);
        }
    }

    @Test
    void a_record_larger_than_a_segment_gets_a_segment_of_its_own() throws IOException {
        long segmentSize = 4096;
        List<Entry> written = new ArrayList<>();
        try (Opened first = open(segmentSize)) {
            written.addAll(appendAndSync(first.log(), List.of(randomPayload(100, 200))));
            written.addAll(appendAndSync(first.log(), List.of(randomPayload(10_000, 10_000))));
            written.addAll(appendAndSync(first.log(), List.of(randomPayload(100, 200))));
        }
        assertThat(segmentFiles()).hasSize(3);
        try (Opened reopened = open(segmentSize)) {
            assertThat(reopened.recovered()).containsExactlyElementsOf(written);
            assertReadable(reopened.log(), written);
        }
    }

    @Test
    void torn_tail_after_a_roll_only_touches_the_last_segment() throws IOException {
        long segmentSize = 4096;
        List<Entry> written;
        try (Opened first = open(segmentSize)) {
            written = appendRandom(first.log(), 40, 1, 700);
        }
        List<Path> files = segmentFiles();
        assertThat(files).hasSizeGreaterThan(2);
        Map<Path, byte[]> sealedBefore = snapshotFiles();
        Path last = files.get(files.size() - 1);
        sealedBefore.remove(last.getFileName());
        appendBytes(last, randomPayload(3, 30));

        try (Opened reopened = open(segmentSize)) {
            assertThat(reopened.recovered()).containsExactlyElementsOf(written);
        }
        Map<Path, byte[]> after = snapshotFiles();
        after.remove(last.getFileName());
        assertSameFiles(sealedBefore, after);
    }

    // (e) ------------------------------------------------------------------------------------------------------

    /** Damage in a sealed segment: the log refuses to open and does not touch a single file. */
    enum SealedDamage {
        FLIPPED_PAYLOAD_BYTE,
        FLIPPED_LENGTH_BYTE,
        TRUNCATED,
        GARBAGE_APPENDED
    }

    @ParameterizedTest
    @EnumSource(SealedDamage.class)
    void damage_in_a_sealed_segment_is_reported_and_leaves_the_files_untouched(SealedDamage damage) throws IOException {
        long segmentSize = 4096;
        List<Entry> written;
        try (Opened first = open(segmentSize)) {
            written = appendRandom(first.log(), 40, 2, 700);
        }
        List<Path> files = segmentFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        Path sealed = files.get(1);
        long base = baseOf(sealed);
        long sealedSize = Files.size(sealed);
        Entry victim = written.stream()
                .filter(entry -> entry.position() >= base && entry.frameEnd() <= base + sealedSize)
                .skip(1)
                .findFirst()
                .orElseThrow();
        long offset = victim.position() - base;
        switch (damage) {
            case FLIPPED_PAYLOAD_BYTE -> flipByte(sealed, offset + HEADER + victim.payload().length / 2);
            case FLIPPED_LENGTH_BYTE -> flipByte(sealed, offset + 2);
            case TRUNCATED -> truncate(sealed, offset + HEADER + 1);
            case GARBAGE_APPENDED -> appendBytes(sealed, randomPayload(5, 50));
        }
        Map<Path, byte[]> before = snapshotFiles();

        assertThatThrownBy(() -> open(segmentSize))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(sealed.toAbsolutePath().toString())
                .hasMessageContaining("offset ");
        assertSameFiles(before, snapshotFiles());

        // Still refused on a second attempt: nothing was "repaired" behind the operator's back.
        assertThatThrownBy(() -> open(segmentSize)).isInstanceOf(CorruptLogException.class);
        assertSameFiles(before, snapshotFiles());
    }

    @Test
    void a_missing_segment_in_the_middle_is_reported() throws IOException {
        long segmentSize = 4096;
        try (Opened first = open(segmentSize)) {
            appendRandom(first.log(), 40, 2, 700);
        }
        List<Path> files = segmentFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        Files.delete(files.get(1));
        Map<Path, byte[]> before = snapshotFiles();

        assertThatThrownBy(() -> open(segmentSize))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("does not start where the previous one ends");
        assertSameFiles(before, snapshotFiles());
    }
}
