package dev.ledgerloop.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/** Random event metadata, and the JSON layouts it can arrive in: canonical, as the client rewrites it, or any other. */
final class RandomMetadata {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final long FIRST_SECOND = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_SECOND = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);
    private static final long YEAR_0 = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long YEAR_10000 = LocalDateTime.of(10000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final Instant[] EDGE_INSTANTS = {
        Instant.EPOCH,
        Instant.EPOCH.minusMillis(1),
        Instant.parse("0000-01-01T00:00:00Z"),
        Instant.parse("-0001-12-31T23:59:59.999Z"),
        Instant.parse("9999-12-31T23:59:59.999Z"),
        Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.parse("2024-02-29T23:59:59.999999999Z"),
        LocalDateTime.MIN.toInstant(ZoneOffset.UTC),
        LocalDateTime.MAX.toInstant(ZoneOffset.UTC)
    };
    private static final long[] EDGE_SEQUENCES = {0, 1, -1, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final int[] EDGE_VERSIONS = {0, 1, 2, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
    private static final String[] WHITESPACE = {"", "", " ", "\n", "\t", "\r\n", "  "};
    /** Characters that JSON escapes, that take two to four UTF-8 bytes, and a pair of surrogates. */
    private static final String[] AWKWARD_TEXT = {
        "\"", "\\", "/", "\u0000", "\n", "\u001f", "\u007f", "é", "\u2028", "漢", "\uD83D\uDE00", "|", "$"
    };

    private final SplittableRandom random;

    RandomMetadata(SplittableRandom random) {
        this.random = random;
    }

    EventMetadata next() {
        return new EventMetadata(
                orNull(this::uuid),
                orNull(this::text),
                orNull(() -> pick(AggregateType.values())),
                orNull(this::uuid),
                random.nextInt(3) == 0
                        ? EDGE_SEQUENCES[random.nextInt(EDGE_SEQUENCES.length)]
                        : random.nextLong(1 << 20),
                orNull(this::actor),
                orNull(this::text),
                orNull(this::text),
                orNull(this::instant),
                random.nextInt(3) == 0 ? EDGE_VERSIONS[random.nextInt(EDGE_VERSIONS.length)] : random.nextInt(4),
                orNull(this::text),
                orNull(() -> hex(64)),
                orNull(() -> hex(64)));
    }

    /** What the EventStoreDB client sends for {@code json}: read into a tree, the tracing ids put, written back. */
    byte[] asTheClientAppendsIt(byte[] json) {
        try {
            ObjectNode tree = PLAIN.readValue(json, ObjectNode.class);
            tree.put("$traceId", hex(32)).put("$spanId", hex(16));
            return PLAIN.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same members in a random order, with random whitespace and random escapes in names and strings. */
    String laidOutAnyhow(byte[] json) {
        try {
            return write(PLAIN.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String hex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private String write(JsonNode node) throws IOException {
        if (!node.isObject()) {
            return node.isTextual() ? string(node.textValue()) : PLAIN.writeValueAsString(node);
        }
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        node.fields().forEachRemaining(members::add);
        Collections.shuffle(members, new Random(random.nextLong()));
        StringBuilder object = new StringBuilder("{").append(space());
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                object.append(',').append(space());
            }
            Map.Entry<String, JsonNode> member = members.get(i);
            object.append(string(member.getKey())).append(space()).append(':').append(space());
            object.append(write(member.getValue())).append(space());
        }
        return object.append('}').toString();
    }

    private String string(String text) {
        StringBuilder json = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == '"' || c == '\\' || random.nextInt(8) == 0) {
                // Both halves of a surrogate pair or neither: a lone one would not survive encoding as UTF-8.
                for (char unit : Character.toChars(c)) {
                    json.append(String.format("\\u%04x", (int) unit));
                }
            } else {
                json.appendCodePoint(c);
            }
        });
        return json.append('"').toString();
    }

    private String space() {
        return WHITESPACE[random.nextInt(WHITESPACE.length)];
    }

    private <T> T orNull(Supplier<T> value) {
        return random.nextInt(6) == 0 ? null : value.get();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private UUID uuid() {
        long mostSignificant = random.nextLong();
        long leastSignificant = random.nextLong();
        if (random.nextBoolean()) { // shaped like UUID.randomUUID()'s: version 4, IETF variant
            mostSignificant = mostSignificant & ~0xf000L | 0x4000L;
            leastSignificant = leastSignificant & ~(0xcL << 60) | (0x8L << 60);
        }
        return new UUID(mostSignificant, leastSignificant);
    }

    private Actor actor() {
        return new Actor(orNull(this::text), orNull(() -> pick(ActorKind.values())));
    }

    private Instant instant() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(EDGE_INSTANTS);
            case 1 ->
                Instant.ofEpochSecond(random.nextLong(FIRST_SECOND, LAST_SECOND + 1), random.nextInt(1_000_000_000));
            default -> Instant.ofEpochSecond(random.nextLong(YEAR_0, YEAR_10000), random.nextInt(1_000_000_000));
        };
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        for (int length = random.nextInt(24); text.length() < length; ) {
            if (random.nextInt(5) == 0) {
                text.append(pick(AWKWARD_TEXT));
            } else {
                text.append((char) random.nextInt(' ', '~' + 1));
            }
        }
        return text.toString();
    }
}
