package dev.ledgerloop.events.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Checks that a request field holds an encrypted envelope of exactly the shape docs/api.md §Encrypted envelope gives,
 * sent as a JSON object or as a string holding that JSON. It checks sizes and encodings only, never decrypts.
 */
public final class EnvelopeParser {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int CONTENT_KEY_BYTES = 32;
    private static final int X25519_KEY_BYTES = 32;
    private static final int WRAPPED_KEY_BYTES = NONCE_BYTES + CONTENT_KEY_BYTES + TAG_BYTES;
    private static final int MAX_KID_LENGTH = 200;
    private static final Set<String> ENVELOPE_FIELDS = Set.of("v", "alg", "ciphertext", "wrappings");
    private static final Set<String> WRAPPING_FIELDS = Set.of("kid", "epk", "wrappedKey");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final int maxBytes;

    /** @param maxBytes the largest envelope accepted, in bytes of its JSON text */
    public EnvelopeParser(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    /**
     * @param field the request field the envelope came in, as the error messages name it (e.g. {@code
     *     encryptedContent})
     * @throws InvalidEnvelopeException naming the first field that is wrong
     */
    public EncryptedEnvelope parse(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw invalid(field, "is required");
        }
        JsonNode envelope = value.isTextual() ? fromString(field, value.textValue()) : value;
        if (!envelope.isObject()) {
            throw invalid(field, "must be an encrypted envelope object or a string holding one");
        }
        if (!value.isTextual()) {
            checkSize(field, envelope.toString());
        }
        rejectUnknown(field, envelope, ENVELOPE_FIELDS);
        JsonNode v = required(field + ".v", envelope);
        if (!v.isIntegralNumber() || v.asLong() != EncryptedEnvelope.VERSION) {
            throw invalid(field + ".v", "must be " + EncryptedEnvelope.VERSION);
        }
        JsonNode alg = required(field + ".alg", envelope);
        if (!EncryptedEnvelope.ALGORITHM.equals(alg.textValue())) {
            throw invalid(field + ".alg", "must be '" + EncryptedEnvelope.ALGORITHM + "'");
        }
        String ciphertext = base64(
                field + ".ciphertext",
                envelope,
                bytes -> bytes >= NONCE_BYTES + TAG_BYTES,
                "must be base64 of at least " + (NONCE_BYTES + TAG_BYTES) + " bytes");
        return new EncryptedEnvelope(
                EncryptedEnvelope.VERSION, alg.textValue(), ciphertext, wrappings(field, envelope));
    }

    private List<Wrapping> wrappings(String field, JsonNode envelope) {
        JsonNode array = required(field + ".wrappings", envelope);
        if (!array.isArray() || array.isEmpty()) {
            throw invalid(field + ".wrappings", "must be a non-empty array");
        }
        List<Wrapping> wrappings = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            wrappings.add(wrapping(field + ".wrappings[" + i + "]", array.get(i)));
        }
        return wrappings;
    }

    private static Wrapping wrapping(String field, JsonNode wrapping) {
        if (!wrapping.isObject()) {
            throw invalid(field, "must be an object");
        }
        rejectUnknown(field, wrapping, WRAPPING_FIELDS);
        JsonNode kid = required(field + ".kid", wrapping);
        if (!kid.isTextual() || kid.textValue().isEmpty() || kid.textValue().length() > MAX_KID_LENGTH) {
            throw invalid(field + ".kid", "must be a non-empty string of at most " + MAX_KID_LENGTH + " characters");
        }
        String epk = base64(
                field + ".epk",
                wrapping,
                bytes -> bytes == X25519_KEY_BYTES,
                "must be base64 of " + X25519_KEY_BYTES + " bytes");
        String wrappedKey = base64(
                field + ".wrappedKey",
                wrapping,
                bytes -> bytes == WRAPPED_KEY_BYTES,
                "must be base64 of " + WRAPPED_KEY_BYTES + " bytes");
        return new Wrapping(kid.textValue(), epk, wrappedKey);
    }

    private JsonNode fromString(String field, String json) {
        checkSize(field, json);
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(field, "must be an encrypted envelope object or a string holding one");
        }
    }

    private void checkSize(String field, String json) {
        // A UTF-16 length above the limit is over it in UTF-8 too; skip encoding the obvious cases.
        if (json.length() > maxBytes || json.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw invalid(field, "must be at most " + maxBytes + " bytes");
        }
    }

    private static JsonNode required(String field, JsonNode parent) {
        String name = field.substring(field.lastIndexOf('.') + 1);
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw invalid(field, "is required");
        }
        return node;
    }

    /** The field's text, which must be standard, padded base64 of an accepted number of bytes. */
    private static String base64(String field, JsonNode parent, IntPredicate acceptedLength, String problem) {
        String text = required(field, parent).textValue();
        if (text == null || !acceptedLength.test(decodedLength(text))) {
            throw invalid(field, problem);
        }
        return text;
    }

    /** Decoded size of standard, padded base64, or -1 if the text is not that. */
    private static int decodedLength(String text) {
        if (text.length() % 4 != 0) {
            return -1;
        }
        try {
            return Base64.getDecoder().decode(text).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static void rejectUnknown(String field, JsonNode object, Set<String> allowed) {
        object.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw invalid(field + "." + name, "is not allowed");
            }
        });
    }

    private static InvalidEnvelopeException invalid(String field, String problem) {
        return new InvalidEnvelopeException("Field '" + field + "' " + problem);
    }
}
