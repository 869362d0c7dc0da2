package dev.ledgerloop.events;

import static dev.ledgerloop.events.fixtures.Metadata.aStoredMetadata;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The streaming reader against databind: for every input {@link EventMetadata#fromJson} must give what databind gives,
 * the same metadata or the same refusal.
 */
class EventMetadataReaderTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final EventMetadata STORED = aStoredMetadata().build();
    private static final String TRACED =
            "\"$traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"$spanId\":\"00f067aa0ba902b7\"";
    private static final List<String> MEMBER_NAMES = List.of(
            "eventId",
            "spaceId",
            "aggregateType",
            "aggregateId",
            "sequence",
            "actor",
            "correlationId",
            "causationId",
            "occurredAt",
            "schemaVersion",
            "keyId",
            "prevHash",
            "hash",
            "$traceId",
            "addedLater");
    /** Values of every JSON type, and strings that are almost, or differently spelled, what a member holds. */
    private static final List<String> VALUES = List.of(
            "\"x\"",
            "\"\"",
            "\" \"",
            "\"3\"",
            "\"true\"",
            "\"null\"",
            "0",
            "-0",
            "1",
            "-1",
            "3",
            "1.0",
            "1.5",
            "1e3",
            "-1.0E+2",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1" + "0".repeat(1_200),
            "1e400",
            "01",
            "true",
            "false",
            "null",
            "[]",
            "[1]",
            "[\"session\"]",
            "[\"3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f60718\"]",
            "{}",
            "{\"a\":1}",
            "{\"id\":\"x\",\"kind\":\"agent\"}",
            "{\"id\":\"x\"}",
            "{\"kind\":\"system\"}",
            "{\"id\":null,\"kind\":\"agent\"}",
            "{\"id\":\"x\",\"kind\":\"agent\",\"extra\":\"y\"}",
            "\"session\"",
            "\"SESSION\"",
            "\"Session\"",
            "\" session\"",
            "\"session \"",
            "\"\\u0073ession\"",
            "\"apikey\"",
            "\"API_KEY\"",
            "\"agentlog\"",
            "\"agent\"",
            "\"AGENT\"",
            "\"robot\"",
            "\"0\"",
            "\"3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f60718\"",
            "\"3F1C2A9E-5B7D-4E8F-A1B2-C3D4E5F60718\"",
            "\"{3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f60718}\"",
            "\"3f1c2a9e5b7d4e8fa1b2c3d4e5f60718\"",
            "\"3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f6071\"",
            "\"3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f607189\"",
            "\"3f1c2a9e5-b7d-4e8f-a1b2-c3d4e5f60718\"",
            "\" 3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f6071\"",
            "\"3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f6071 \"",
            "\"3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f6071g\"",
            "\"3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f6071\uff10\"",
            "\"3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f6071\u0660\"",
            "\"+f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f60718\"",
            "\"1-2-3-4-5\"",
            "\"urn:uuid:3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f60718\"",
            "\"Pxwqnlt9To+hssPU5fYHGA==\"",
            "\"Pxwqnlt9To+hssPU5fYHG===\"",
            "\"2026-03-25T10:30:00.000Z\"",
            "\"2026-03-25T10:30:00Z\"",
            "\"2026-03-25T10:30:00.1Z\"",
            "\"2026-03-25T10:30:00.123456789Z\"",
            "\"2026-03-25T10:30:00.000+01:00\"",
            "\"2026-03-25T10:30:00.000z\"",
            "\"2026-03-25 10:30:00.000Z\"",
            "\"2026-02-30T10:30:00.000Z\"",
            "\"2026-03-25T24:00:00.000Z\"",
            "\"2026-03-25T23:59:60.000Z\"",
            "\"\uff12026-03-25T10:30:00.000Z\"",
            "\" 2026-03-25T10:30:00.000Z\"",
            "\"+10000-01-01T00:00:00Z\"",
            "\"-0001-01-01T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59.999Z\"",
            "\"+1000000000-12-31T23:59:59.999Z\"",
            "\"1774434600000\"",
            "\"" + "ab".repeat(32) + "\"",
            "\"\\ud800\"",
            "\"\\u0000\"");
    /** Where {@link #spliced} puts bytes that are not UTF-8. */
    private static final String MARK = "@@@";
    /** Byte sequences that are not UTF-8: stray, overlong, surrogate, beyond U+10FFFF, cut short. */
    private static final List<byte[]> NOT_UTF_8 = List.of(
            bytes(0xff),
            bytes(0xfe),
            bytes(0x80),
            bytes(0xbf),
            bytes(0xc0, 0x80),
            bytes(0xc1, 0xbf),
            bytes(0xe0, 0x80, 0x80),
            bytes(0xed, 0xa0, 0x80),
            bytes(0xed, 0xbf, 0xbf),
            bytes(0xf4, 0x90, 0x80, 0x80),
            bytes(0xf8, 0x88, 0x80, 0x80, 0x80),
            bytes(0xc3),
            bytes(0xe2, 0x82),
            bytes(0xf0, 0x9f, 0x98),
            bytes(0xc3, 0x28),
            bytes(0x00));

    private final Tally tally = new Tally();

    @AfterEach
    void printTally(TestInfo test) {
        if (tally.inputs > 0) {
            System.out.println(test.getDisplayName() + ": " + tally);
        }
    }

    @Test
    void reads_the_canonical_form_itself() {
        EventMetadata metadata =
                aStoredMetadata().withActor(Actor.human("user|42")).build();

        assertThat(EventMetadataReader.read(metadata.toJson())).isEqualTo(metadata);
        assertThat(EventMetadata.fromJson(metadata.toJson())).isEqualTo(metadata);
    }

    @Test
    void reads_the_tracing_ids_the_client_adds_itself() {
        byte[] json = withTracingIds(STORED.toJson());

        assertThat(EventMetadataReader.read(json)).isEqualTo(STORED);
        assertThat(EventMetadata.fromJson(json)).isEqualTo(STORED);
    }

    @Test
    void reads_random_metadata_in_every_layout_itself_as_databind_does() {
        SplittableRandom seeds = new SplittableRandom(20261205);
        RandomMetadata random = new RandomMetadata(seeds.split());
        for (int i = 0; i < 20_000; i++) {
            EventMetadata metadata = random.next();
            byte[] canonical = metadata.toJson();
            byte[] appended = random.asTheClientAppendsIt(canonical);
            for (byte[] json : List.of(
                    canonical,
                    appended,
                    random.laidOutAnyhow(canonical).getBytes(UTF_8),
                    random.laidOutAnyhow(appended).getBytes(UTF_8))) {
                assertThat(EventMetadataReader.read(json)).as(shown(json)).isEqualTo(metadata);
                assertSameAnswer(json);
            }
        }
        assertThat(tally.inputs).isEqualTo(80_000);
    }

    @Test
    void answers_damaged_metadata_as_databind_does() {
        SplittableRandom random = new SplittableRandom(20261206);
        RandomMetadata metadata = new RandomMetadata(random.split());
        for (int i = 0; i < 60_000; i++) {
            byte[] canonical = metadata.next().toJson();
            byte[] json =
                    switch (random.nextInt(3)) {
                        case 0 -> canonical;
                        case 1 -> metadata.asTheClientAppendsIt(canonical);
                        default -> metadata.laidOutAnyhow(canonical).getBytes(UTF_8);
                    };
            for (int damage = 1 + random.nextInt(3); damage > 0; damage--) {
                json = damaged(json, random);
            }
            assertSameAnswer(json);
        }
        assertThat(tally.readByTheStreamingReader).isPositive();
        assertThat(tally.refused).isPositive();
    }

    @Test
    void answers_every_kind_of_value_in_every_member_as_databind_does() {
        for (String base : List.of(canonical(STORED), traced(STORED))) {
            for (String name : MEMBER_NAMES) {
                assertSameAnswer(document(without(members(base), name)));
                for (String value : VALUES) {
                    assertSameAnswer(document(with(members(base), name, value)));
                }
            }
            for (String value : VALUES) {
                assertSameAnswer(document(with(members(base), "actor", "{\"id\":" + value + ",\"kind\":\"agent\"}")));
                assertSameAnswer(document(with(members(base), "actor", "{\"kind\":" + value + ",\"id\":\"a\"}")));
            }
        }
        assertThat(tally.readByTheStreamingReader).isGreaterThan(100);
        assertThat(tally.refused).isGreaterThan(1_000);
    }

    @Test
    void refuses_every_duplicated_name_as_databind_does() {
        for (String base : List.of(canonical(STORED), traced(STORED))) {
            List<Member> members = members(base);
            for (int at = 0; at < members.size(); at++) {
                Member member = members.get(at);
                for (int copyAt : new int[] {0, at + 1, members.size()}) {
                    for (String value : List.of(member.value(), "\"x\"", "7")) {
                        List<Member> duplicated = new ArrayList<>(members);
                        duplicated.add(copyAt, new Member(member.name(), value));
                        assertRefusedLikeDatabind(document(duplicated));
                    }
                }
            }
            assertRefusedLikeDatabind(atStart(base, "\"sequ\\u0065nce\":3"));
            assertRefusedLikeDatabind(atEnd(base, "\"$spanId\":\"a\",\"$spanId\":\"b\""));
            assertRefusedLikeDatabind(base.replace("\"kind\":\"agent\"", "\"kind\":\"agent\",\"kind\":\"agent\""));
            assertRefusedLikeDatabind(base.replace("\"kind\":\"agent\"", "\"kind\":\"agent\",\"id\":\"b\""));
            assertRefusedLikeDatabind(atEnd(base, "\"extra\":{\"a\":1,\"a\":2}"));
            assertRefusedLikeDatabind(atEnd(base, "\"extra\":[{\"a\":1,\"a\":1}]"));
        }
    }

    @Test
    void answers_hostile_documents_as_databind_does() {
        String canonical = canonical(STORED);
        String traced = traced(STORED);
        List<String> documents = new ArrayList<>(List.of(
                "",
                " ",
                "\n",
                "null",
                "true",
                "1",
                "\"x\"",
                "[]",
                "[" + canonical + "]",
                "{",
                "}",
                "{}",
                "{\"sequence\":1}",
                "{\"schemaVersion\":1}",
                "{\"sequence\":1,\"schemaVersion\":1}",
                "{\"sequence\":1,\"schemaVersion\":1,\"actor\":{}}",
                "{\"sequence\":1,\"schemaVersion\":1,\"actor\":{\"kind\":\"human\"}}",
                "{\"sequence\":1,\"schemaVersion\":1,\"actor\":{\"id\":\"a\"}}",
                "{\"sequence\":1,\"schemaVersion\":1,\"$traceId\":\"t\"}",
                canonical.substring(0, canonical.length() - 1),
                "\ufeff" + canonical,
                "/* comment */" + canonical,
                canonical.replace(":", " : ").replace(",", " ,\n\t"),
                canonical.replace("\"", "'"),
                canonical.replace("{\"actor\"", "{actor"),
                canonical.replace("}", ",}"),
                canonical.replace(",", ",,"),
                atEnd(canonical, "\"extra\":{\"a\":{\"b\":[1,2,{\"c\":null}]}}"),
                atEnd(canonical, "\"extra\":[1,\"a\",true,null,{}]"),
                atStart(canonical, "\"extra\":{\"a\":[]}"),
                atEnd(traced, "\"extra\":" + "[".repeat(2_000) + "]".repeat(2_000)),
                atStart(traced, "\"extra\":" + "[".repeat(2_000) + "]".repeat(2_000)),
                atEnd(traced, unknownMembers(6)),
                atEnd(traced, unknownMembers(7)),
                atEnd(traced, unknownMembers(100)),
                atEnd(traced, unknownMembers(100) + ",\"unknown3\":\"again\""),
                atEnd(traced, "\"extra\":1e999999999"),
                atStart(traced, "\"extra\":1e999999999"),
                atStart(traced, "\"extra\":" + "9".repeat(1_001)),
                atEnd(traced, "\"extra\":\"" + "x".repeat(20_000_001) + "\""),
                atStart(traced, "\"extra\":\"" + "x".repeat(20_000_001) + "\""),
                traced.replace("\"key-1\"", "\"" + "x".repeat(20_000_001) + "\"")));
        for (String trailing : List.of(
                " ", "\n", "\r\n\t ", "x", "{}", "]", "}", ",", "null", "1", "\u0000", "/* */", "//", "\ufeff",
                "\u00a0")) {
            documents.add(canonical + trailing);
            documents.add(traced + trailing);
        }
        documents.forEach(this::assertSameAnswer);

        for (Charset charset : List.of(
                StandardCharsets.UTF_16,
                StandardCharsets.UTF_16BE,
                StandardCharsets.UTF_16LE,
                Charset.forName("UTF-32BE"),
                Charset.forName("UTF-32LE"))) {
            assertSameAnswer(traced.getBytes(charset));
        }
        assertSameAnswer((byte[]) null);
        assertSameAnswer(new byte[0]);
    }

    @Test
    void answers_bytes_that_are_not_utf_8_as_databind_does() {
        for (String base : List.of(canonical(STORED), traced(STORED))) {
            List<Member> members = members(base);
            for (int at = 0; at < members.size(); at++) {
                for (byte[] invalid : NOT_UTF_8) {
                    Member member = members.get(at);
                    List<Member> inValue = new ArrayList<>(members);
                    inValue.set(at, new Member(member.name(), "\"ab" + MARK + "cd\""));
                    assertSameAnswer(spliced(document(inValue), invalid));
                    List<Member> inName = new ArrayList<>(members);
                    inName.set(at, new Member(member.name() + MARK, member.value()));
                    assertSameAnswer(spliced(document(inName), invalid));
                }
            }
            for (byte[] invalid : NOT_UTF_8) {
                assertSameAnswer(spliced(base.replace("\"id\":\"", "\"id\":\"" + MARK), invalid));
                assertSameAnswer(spliced(base + MARK, invalid));
                assertSameAnswer(spliced(MARK + base, invalid));
            }
        }
    }

    /** Not an assertion: what each reader costs here, printed for whoever wants a first idea. */
    @Test
    void prints_a_rough_cost_of_each_reader() {
        byte[] json = withTracingIds(STORED.toJson());
        for (int round = 0; round < 3; round++) {
            double databind = nanosPerRead(() -> EventMetadata.readWithDatabind(json));
            double streaming = nanosPerRead(() -> EventMetadataReader.read(json));
            System.out.printf(
                    "EventMetadataReaderTest: databind %.0f ns, streaming %.0f ns per read%n", databind, streaming);
        }
    }

    private void assertSameAnswer(String json) {
        assertSameAnswer(json.getBytes(UTF_8));
    }

    private void assertSameAnswer(byte[] json) {
        Answer expected = Answer.of(() -> EventMetadata.readWithDatabind(json));
        Answer actual = Answer.of(() -> EventMetadata.fromJson(json));
        assertThat(actual).as(shown(json)).isEqualTo(expected);
        tally.count(json, expected);
    }

    private void assertRefusedLikeDatabind(String json) {
        byte[] bytes = json.getBytes(UTF_8);
        assertSameAnswer(bytes);
        assertThat(Answer.of(() -> EventMetadata.fromJson(bytes)).thrown())
                .as(json)
                .isEqualTo(IllegalArgumentException.class);
    }

    private static double nanosPerRead(Supplier<EventMetadata> read) {
        int reads = 100_000;
        long checksum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < reads; i++) {
            checksum += read.get().sequence();
        }
        long elapsed = System.nanoTime() - start;
        assertThat(checksum).isEqualTo(reads * STORED.sequence());
        return (double) elapsed / reads;
    }

    private static byte[] damaged(byte[] json, SplittableRandom random) {
        if (json.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(json.length);
        byte[] interesting = "\"{}[],:\\-+.eE0123456789 tfn".getBytes(ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 8);
        switch (random.nextInt(6)) {
            case 0 -> {
                byte[] copy = json.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1 -> {
                byte[] copy = json.clone();
                copy[at] = random.nextBoolean()
                        ? interesting[random.nextInt(interesting.length)]
                        : (byte) random.nextInt(256);
                return copy;
            }
            case 2 -> {
                return Arrays.copyOf(json, at);
            }
            case 3 -> {
                out.write(json, 0, at);
                int end = Math.min(json.length, at + 1 + random.nextInt(4));
                out.write(json, end, json.length - end);
            }
            case 4 -> {
                out.write(json, 0, at);
                out.write(interesting[random.nextInt(interesting.length)]);
                out.write(json, at, json.length - at);
            }
            default -> {
                int from = random.nextInt(json.length);
                int length = Math.min(json.length - from, 1 + random.nextInt(24));
                out.write(json, 0, at);
                out.write(json, from, length);
                out.write(json, at, json.length - at);
            }
        }
        return out.toByteArray();
    }

    private static byte[] spliced(String document, byte[] invalid) {
        byte[] utf8 = document.getBytes(UTF_8);
        int at = document.substring(0, document.indexOf(MARK)).getBytes(UTF_8).length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(utf8, 0, at);
        out.writeBytes(invalid);
        out.write(utf8, at + MARK.length(), utf8.length - at - MARK.length());
        return out.toByteArray();
    }

    private static String unknownMembers(int count) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < count; i++) {
            members.append(i == 0 ? "" : ",").append("\"unknown").append(i).append("\":\"value\"");
        }
        return members.toString();
    }

    private static String atStart(String document, String members) {
        return "{" + members + "," + document.substring(1);
    }

    private static String atEnd(String document, String members) {
        return document.substring(0, document.length() - 1) + "," + members + "}";
    }

    private static String canonical(EventMetadata metadata) {
        return new String(metadata.toJson(), UTF_8);
    }

    private static String traced(EventMetadata metadata) {
        return new String(withTracingIds(metadata.toJson()), UTF_8);
    }

    private static byte[] withTracingIds(byte[] json) {
        String text = new String(json, UTF_8);
        return (text.substring(0, text.length() - 1) + "," + TRACED + "}").getBytes(UTF_8);
    }

    private record Member(String name, String value) {}

    private static List<Member> members(String document) {
        try {
            List<Member> members = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : (Iterable<Map.Entry<String, JsonNode>>)
                    () -> readTree(document).fields()) {
                members.add(new Member(member.getKey(), PLAIN.writeValueAsString(member.getValue())));
            }
            return members;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readTree(String document) {
        try {
            return PLAIN.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Member> with(List<Member> members, String name, String value) {
        List<Member> changed = without(members, name);
        changed.add(new Member(name, value));
        return changed;
    }

    private static List<Member> without(List<Member> members, String name) {
        return members.stream().filter(member -> !member.name().equals(name)).collect(Collectors.toList());
    }

    private static String document(List<Member> members) {
        return members.stream()
                .map(member -> quoted(member.name()) + ":" + member.value())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quoted(String name) {
        try {
            return PLAIN.writeValueAsString(name);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static String shown(byte[] json) {
        if (json == null) {
            return "null";
        }
        String text = new String(json, ISO_8859_1);
        return text.length() > 400 ? text.substring(0, 400) + "… (" + json.length + " bytes)" : text;
    }

    /** What a read gave: the metadata (or null), or what it threw, down to the message of the cause. */
    private record Answer(
            EventMetadata metadata, Class<?> thrown, String message, Class<?> cause, String causeMessage) {
        static Answer of(Supplier<EventMetadata> read) {
            try {
                return new Answer(read.get(), null, null, null, null);
            } catch (RuntimeException e) {
                Throwable cause = e.getCause();
                return new Answer(
                        null,
                        e.getClass(),
                        e.getMessage(),
                        cause == null ? null : cause.getClass(),
                        cause == null ? null : cause.getMessage());
            }
        }
    }

    /** How the inputs of a test were answered, printed after it. */
    private static final class Tally {
        int inputs;
        int readByTheStreamingReader;
        int refused;

        void count(byte[] json, Answer databind) {
            inputs++;
            if (EventMetadataReader.read(json) != null) {
                readByTheStreamingReader++;
            }
            if (databind.thrown() != null) {
                refused++;
            }
        }

        @Override
        public String toString() {
            return inputs + " inputs, " + readByTheStreamingReader + " read by the streaming reader, "
                    + (inputs - readByTheStreamingReader) + " left to databind, " + refused + " refused";
        }
    }
}
