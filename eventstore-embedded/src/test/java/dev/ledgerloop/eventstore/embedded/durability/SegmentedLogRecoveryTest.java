package dev.ledgerloop.eventstore.embedded.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerloop.eventstore.embedded.log.CorruptLogException;
import dev.ledgerloop.eventstore.embedded.log.SegmentedLog;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery of the segmented log from torn and damaged files, on the log itself. */
class SegmentedLogRecoveryTest {
    private static final long SEGMENT_SIZE = 4096;

    @TempDir
    Path directory;

    @Test
    void recordsSurviveCloseAndReopenByteIdentical() {
        long[] positions;
        try (SegmentedLog log = open(new LinkedHashMap<>())) {
            positions = log.append(payloads("first", "second", "third"));
            log.sync();
        }

        Map<Long, String> recovered = new LinkedHashMap<>();
        try (SegmentedLog log = open(recovered)) {
            assertThat(recovered)
                    .containsExactly(
                            Map.entry(positions[0], "first"),
                            Map.entry(positions[1], "second"),
                            Map.entry(positions[2], "third"));
            assertThat(text(log.read(positions[1]))).isEqualTo("second");
        }
    }

    @Test
    void aTailCutInTheMiddleOfARecordIsTruncatedAndTheLogGoesOn() throws Exception {
        long[] positions = writeAndClose("kept", "torn-away");
        Path segment = lastSegment();
        truncate(segment, Files.size(segment) - 3);

        Map<Long, String> recovered = new LinkedHashMap<>();
        try (SegmentedLog log = open(recovered)) {
            assertThat(recovered.values()).containsExactly("kept");
            assertThat(log.end()).isEqualTo(positions[1]);
            log.append(payloads("after"));
            log.sync();
        }

        Map<Long, String> again = new LinkedHashMap<>();
        try (SegmentedLog ignored = open(again)) {
            assertThat(again.values()).containsExactly("kept", "after");
        }
    }

    @Test
    void aPartialFrameHeaderOrZeroFilledTailIsTruncated() throws Exception {
        writeAndClose("kept");
        Path segment = lastSegment();
        long intact = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0}));
        }

        Map<Long, String> recovered = new LinkedHashMap<>();
        try (SegmentedLog ignored = open(recovered)) {
            assertThat(recovered.values()).containsExactly("kept");
        }
        assertThat(Files.size(segment)).isEqualTo(intact);

        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(64));
        }
        try (SegmentedLog ignored = open(new LinkedHashMap<>())) {
            assertThat(Files.size(segment)).isEqualTo(intact);
        }
    }

    @Test
    void aFlippedByteInTheLastRecordFailsItsCrcAndTheRecordIsDropped() throws Exception {
        writeAndClose("kept", "damaged");
        Path segment = lastSegment();
        flipByte(segment, Files.size(segment) - 2);

        Map<Long, String> recovered = new LinkedHashMap<>();
        try (SegmentedLog ignored = open(recovered)) {
            assertThat(recovered.values()).containsExactly("kept");
        }
    }

    @Test
    void fullSegmentsRollOverWithContiguousPositions() throws Exception {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            values.add("record-" + i + "-" + "x".repeat(i % 50));
        }
        long[] positions = writeAndClose(values.toArray(String[]::new));

        assertThat(segments()).hasSizeGreaterThan(2);
        Map<Long, String> recovered = new LinkedHashMap<>();
        try (SegmentedLog log = open(recovered)) {
            assertThat(recovered.values()).containsExactlyElementsOf(values);
            for (int i = 0; i < positions.length; i++) {
                assertThat(text(log.read(positions[i]))).isEqualTo(values.get(i));
                if (i > 0) {
                    int previousLength = values.get(i - 1).getBytes(StandardCharsets.UTF_8).length;
                    assertThat(positions[i])
                            .isEqualTo(positions[i - 1] + SegmentedLog.FRAME_HEADER_BYTES + previousLength);
                }
            }
        }
    }

    @Test
    void damageInASealedSegmentStopsTheLogAndTouchesNothing() throws Exception {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            values.add("record-" + i + "-" + "y".repeat(40));
        }
        writeAndClose(values.toArray(String[]::new));
        Path sealed = segments().get(0);
        flipByte(sealed, 20);
        byte[] before = Files.readAllBytes(sealed);
        long lastSize = Files.size(lastSegment());

        assertThatThrownBy(() -> open(new LinkedHashMap<>()))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("damaged");
        assertThat(Files.readAllBytes(sealed)).isEqualTo(before);
        assertThat(Files.size(lastSegment())).isEqualTo(lastSize);
    }

    private SegmentedLog open(Map<Long, String> recovered) {
        return SegmentedLog.open(
                directory, SEGMENT_SIZE, (position, payload) -> recovered.put(position, text(payload)));
    }

    private long[] writeAndClose(String... values) {
        try (SegmentedLog log = open(new LinkedHashMap<>())) {
            long[] positions = log.append(payloads(values));
            log.sync();
            return positions;
        }
    }

    private static List<ByteBuffer> payloads(String... values) {
        return Stream.of(values)
                .map(value -> ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private static String text(ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".seg"))
                    .sorted()
                    .toList();
        }
    }

    private Path lastSegment() throws Exception {
        List<Path> segments = segments();
        return segments.get(segments.size() - 1);
    }

    private static void truncate(Path file, long size) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void flipByte(Path file, long offset) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x40));
            one.rewind();
            channel.write(one, offset);
        }
    }
}
