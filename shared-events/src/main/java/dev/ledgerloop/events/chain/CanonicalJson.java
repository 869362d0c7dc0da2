package dev.ledgerloop.events.chain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The canonical JSON form that hashes are computed over: object keys sorted (by UTF-16 code units, as in RFC 8785),
 * no whitespace, UTF-8. Numbers are written as parsed; event metadata holds only integers.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {}

    public static byte[] write(JsonNode node) {
        return write(node, name -> true);
    }

    /**
     * The canonical form of {@code node} without the top-level names {@code keep} refuses: the same bytes as writing a
     * copy with those names removed, without copying.
     */
    public static byte[] write(JsonNode node, Predicate<String> keep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            write(generator, node, keep);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        write(generator, node, name -> true);
    }

    private static void write(JsonGenerator generator, JsonNode node, Predicate<String> keep) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(name -> {
                if (keep.test(name)) {
                    names.add(name);
                }
            });
            Collections.sort(names);
            generator.writeStartObject();
            for (String name : names) {
                generator.writeFieldName(name);
                write(generator, node.get(name));
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (node.isTextual()) {
            generator.writeString(node.textValue());
        } else if (node.isInt() || node.isLong()) {
            generator.writeNumber(node.longValue());
        } else {
            generator.writeTree(node);
        }
    }
}
