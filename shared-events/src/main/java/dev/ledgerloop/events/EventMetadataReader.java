package dev.ledgerloop.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads event metadata with Jackson's streaming parser. Every event read decodes its metadata, and the databind read
 * (a bean deserializer building the record through its buffered creator properties) was about a quarter of decoding
 * an event.
 *
 * <p>It knows only the shapes {@link EventMetadata#toJson()} writes, in any member order and layout, plus top-level
 * members it does not know whose values are strings, such as the {@code $traceId} and {@code $spanId} the EventStoreDB
 * client adds on append. For anything else it answers {@code null} and the caller reads the bytes with databind, so
 * every input, accepted or refused, gets databind's answer.
 */
final class EventMetadataReader {
    // Duplicate names are caught here, by the members' bits and the list of unknown names.
    private static final JsonFactory FACTORY = Json.MAPPER
            .getFactory()
            .rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The names as stored: sorted, then the tracing ids as the client appends them; a name met there reads fastest. */
    private static final SerializedString[] USUAL_ORDER = serialized(
            "actor",
            "aggregateId",
            "aggregateType",
            "causationId",
            "correlationId",
            "eventId",
            "hash",
            "keyId",
            "occurredAt",
            "prevHash",
            "schemaVersion",
            "sequence",
            "spaceId",
            "$traceId",
            "$spanId");

    private static final Map<String, AggregateType> AGGREGATE_TYPES = new HashMap<>();
    private static final Map<String, ActorKind> ACTOR_KINDS = new HashMap<>();

    static {
        for (AggregateType type : AggregateType.values()) {
            AGGREGATE_TYPES.put(type.value(), type);
        }
        for (ActorKind kind : ActorKind.values()) {
            ACTOR_KINDS.put(kind.name(), kind);
        }
    }

    private static final int EVENT_ID = 1;
    private static final int SPACE_ID = 1 << 1;
    private static final int AGGREGATE_TYPE = 1 << 2;
    private static final int AGGREGATE_ID = 1 << 3;
    private static final int SEQUENCE = 1 << 4;
    private static final int ACTOR = 1 << 5;
    private static final int CORRELATION_ID = 1 << 6;
    private static final int CAUSATION_ID = 1 << 7;
    private static final int OCCURRED_AT = 1 << 8;
    private static final int SCHEMA_VERSION = 1 << 9;
    private static final int KEY_ID = 1 << 10;
    private static final int PREV_HASH = 1 << 11;
    private static final int HASH = 1 << 12;
    /** Databind refuses metadata without either (absent primitives); the writer always writes both. */
    private static final int REQUIRED = SEQUENCE | SCHEMA_VERSION;

    private static final int UUID_LENGTH = 36;
    /** Where a UUID's dashes are, as both databind and {@link UUID#toString()} place them. */
    private static final int[] UUID_DASHES = {8, 13, 18, 23};
    /** ASCII only, as databind reads UUIDs: {@link Character#digit} would also take other scripts' digits. */
    private static final byte[] HEX_VALUES = new byte[128];

    static {
        Arrays.fill(HEX_VALUES, (byte) -1);
        for (char c = '0'; c <= '9'; c++) {
            HEX_VALUES[c] = (byte) (c - '0');
        }
        for (char c = 'a'; c <= 'f'; c++) {
            HEX_VALUES[c] = (byte) (c - 'a' + 10);
            HEX_VALUES[Character.toUpperCase(c)] = (byte) (c - 'a' + 10);
        }
    }

    /** More unknown members than any writer adds: comparing their names for duplicates is left to databind. */
    private static final int MAX_UNKNOWN_MEMBERS = 8;

    private final JsonParser parser;
    /** Where in {@link #USUAL_ORDER} the next name probably is. */
    private int expected;
    /** The bits of the members read so far. */
    private int seen;

    private String[] unknownNames;
    private int unknownCount;

    private UUID eventId;
    private String spaceId;
    private AggregateType aggregateType;
    private UUID aggregateId;
    private long sequence;
    private Actor actor;
    private String correlationId;
    private String causationId;
    private Instant occurredAt;
    private int schemaVersion;
    private String keyId;
    private String prevHash;
    private String hash;

    private EventMetadataReader(JsonParser parser) {
        this.parser = parser;
    }

    /** The metadata {@code json} holds, or {@code null} when it is not in a shape this reader knows. */
    static EventMetadata read(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            EventMetadata metadata = new EventMetadataReader(parser).readObject();
            // Databind ignores what follows the object; whether that is harmless is databind's to decide.
            return parser.nextToken() == null ? metadata : null;
        } catch (NotAKnownShape | IOException | RuntimeException e) {
            // Whatever failed (the input, a null array, the parser itself), databind answers or refuses as it does.
            return null;
        }
    }

    private EventMetadata readObject() throws IOException, NotAKnownShape {
        expect(JsonToken.START_OBJECT);
        for (String name = nextName(); name != null; name = nextName()) {
            readMember(name);
        }
        if ((seen & REQUIRED) != REQUIRED) {
            throw NotAKnownShape.INSTANCE;
        }
        return new EventMetadata(
                eventId,
                spaceId,
                aggregateType,
                aggregateId,
                sequence,
                actor,
                correlationId,
                causationId,
                occurredAt,
                schemaVersion,
                keyId,
                prevHash,
                hash);
    }

    /** The next member's name, {@code null} at the end of the object. */
    private String nextName() throws IOException, NotAKnownShape {
        if (expected < USUAL_ORDER.length && parser.nextFieldName(USUAL_ORDER[expected])) {
            return USUAL_ORDER[expected++].getValue();
        }
        JsonToken token = expected < USUAL_ORDER.length ? parser.currentToken() : parser.nextToken();
        if (token == JsonToken.END_OBJECT) {
            return null;
        }
        if (token != JsonToken.FIELD_NAME) {
            throw NotAKnownShape.INSTANCE;
        }
        String name = parser.currentName();
        for (int at = 0; at < USUAL_ORDER.length; at++) {
            if (USUAL_ORDER[at].getValue().equals(name)) {
                expected = at + 1;
                break;
            }
        }
        return name;
    }

    private void readMember(String name) throws IOException, NotAKnownShape {
        switch (name) {
            case "eventId" -> eventId = uuid(EVENT_ID);
            case "spaceId" -> spaceId = string(SPACE_ID);
            case "aggregateType" -> aggregateType = known(AGGREGATE_TYPES, string(AGGREGATE_TYPE));
            case "aggregateId" -> aggregateId = uuid(AGGREGATE_ID);
            case "sequence" -> sequence = longValue(SEQUENCE);
            case "actor" -> actor = actor(ACTOR);
            case "correlationId" -> correlationId = string(CORRELATION_ID);
            case "causationId" -> causationId = string(CAUSATION_ID);
            case "occurredAt" -> occurredAt = instant(OCCURRED_AT);
            case "schemaVersion" -> schemaVersion = intValue(SCHEMA_VERSION);
            case "keyId" -> keyId = string(KEY_ID);
            case "prevHash" -> prevHash = string(PREV_HASH);
            case "hash" -> hash = string(HASH);
            default -> skipUnknown(name);
        }
    }

    private String string(int member) throws IOException, NotAKnownShape {
        firstTime(member);
        expect(JsonToken.VALUE_STRING);
        return parser.getText();
    }

    private long longValue(int member) throws IOException, NotAKnownShape {
        firstTime(member);
        expect(JsonToken.VALUE_NUMBER_INT);
        return parser.getLongValue();
    }

    private int intValue(int member) throws IOException, NotAKnownShape {
        firstTime(member);
        expect(JsonToken.VALUE_NUMBER_INT);
        return parser.getIntValue();
    }

    /** Only the 36 characters {@link UUID#toString()} writes (in either case), read from the parser's buffer. */
    private UUID uuid(int member) throws IOException, NotAKnownShape {
        firstTime(member);
        expect(JsonToken.VALUE_STRING);
        char[] text = parser.getTextCharacters();
        int start = parser.getTextOffset();
        if (parser.getTextLength() != UUID_LENGTH) {
            throw NotAKnownShape.INSTANCE;
        }
        for (int dash : UUID_DASHES) {
            if (text[start + dash] != '-') {
                throw NotAKnownShape.INSTANCE;
            }
        }
        long mostSignificant = hex(text, start, 8) << 32 | hex(text, start + 9, 4) << 16 | hex(text, start + 14, 4);
        long leastSignificant = hex(text, start + 19, 4) << 48 | hex(text, start + 24, 12);
        return new UUID(mostSignificant, leastSignificant);
    }

    private static long hex(char[] text, int start, int digits) throws NotAKnownShape {
        long value = 0;
        for (int at = start; at < start + digits; at++) {
            char c = text[at];
            int digit = c < HEX_VALUES.length ? HEX_VALUES[c] : -1;
            if (digit < 0) {
                throw NotAKnownShape.INSTANCE;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private Instant instant(int member) throws IOException, NotAKnownShape {
        String text = string(member);
        try {
            return MillisTimestamps.parse(text);
        } catch (DateTimeException e) {
            throw NotAKnownShape.INSTANCE;
        }
    }

    private Actor actor(int member) throws IOException, NotAKnownShape {
        firstTime(member);
        expect(JsonToken.START_OBJECT);
        String id = null;
        ActorKind kind = null;
        boolean idSeen = false;
        boolean kindSeen = false;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (name.equals("id") && !idSeen) {
                idSeen = true;
                expect(JsonToken.VALUE_STRING);
                id = parser.getText();
            } else if (name.equals("kind") && !kindSeen) {
                kindSeen = true;
                expect(JsonToken.VALUE_STRING);
                kind = known(ACTOR_KINDS, parser.getText());
            } else {
                throw NotAKnownShape.INSTANCE;
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw NotAKnownShape.INSTANCE;
        }
        return new Actor(id, kind);
    }

    /**
     * Databind copies an unknown member's value when it meets it before all the record's members, which decodes a
     * string (and interprets a number); decoding it here too makes this reader give up where that would fail.
     */
    private void skipUnknown(String name) throws IOException, NotAKnownShape {
        if (unknownNames == null) {
            unknownNames = new String[MAX_UNKNOWN_MEMBERS];
        }
        if (unknownCount == MAX_UNKNOWN_MEMBERS) {
            throw NotAKnownShape.INSTANCE;
        }
        for (int i = 0; i < unknownCount; i++) {
            if (unknownNames[i].equals(name)) {
                throw NotAKnownShape.INSTANCE;
            }
        }
        unknownNames[unknownCount++] = name;
        expect(JsonToken.VALUE_STRING);
        parser.getTextCharacters();
    }

    private void firstTime(int member) throws NotAKnownShape {
        if ((seen & member) != 0) {
            throw NotAKnownShape.INSTANCE;
        }
        seen |= member;
    }

    private void expect(JsonToken token) throws IOException, NotAKnownShape {
        if (parser.nextToken() != token) {
            throw NotAKnownShape.INSTANCE;
        }
    }

    private static <T> T known(Map<String, T> values, String text) throws NotAKnownShape {
        T value = values.get(text);
        if (value == null) {
            throw NotAKnownShape.INSTANCE;
        }
        return value;
    }

    private static SerializedString[] serialized(String... names) {
        return Arrays.stream(names).map(SerializedString::new).toArray(SerializedString[]::new);
    }

    /** Thrown to give the input to databind; carries nothing, so one instance serves every read. */
    private static final class NotAKnownShape extends Exception {
        static final NotAKnownShape INSTANCE = new NotAKnownShape();

        private NotAKnownShape() {
            super(null, null, false, false);
        }
    }
}
