package dev.ledgerloop.jcs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 8785 (JCS) canonical JSON for the values Ledgerloop hashes and signs (Merkle leaves, envelopes, decision
 * statements): objects, arrays, strings, integers of at most 2^53 in magnitude, booleans and null. Keys are sorted by
 * UTF-16 code units; strings escape only what RFC 8785 §3.2.2.2 escapes. Fractions and larger integers are refused
 * rather than written in a form another JCS implementation might not produce: none of those values holds one.
 */
public final class Jcs {
    private static final long MAX_EXACT_INTEGER = 1L << 53;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Jcs() {}

    /** @throws IllegalArgumentException for a number outside the subset or a string with a lone surrogate */
    public static byte[] write(JsonNode value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode value, StringBuilder out) {
        switch (value.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                value.fieldNames().forEachRemaining(names::add);
                names.sort(String::compareTo);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(value.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(value.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(value.textValue(), out);
            case NUMBER -> integer(value, out);
            case BOOLEAN -> out.append(value.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("Not a JSON value: " + value.getNodeType());
        }
    }

    private static void integer(JsonNode number, StringBuilder out) {
        if (!number.isIntegralNumber() || !number.canConvertToLong()) {
            throw new IllegalArgumentException("Only integers are canonicalised here, not " + number);
        }
        long value = number.longValue();
        if (Math.abs(value) > MAX_EXACT_INTEGER) {
            throw new IllegalArgumentException("Integer beyond 2^53 cannot be canonicalised exactly: " + value);
        }
        out.append(value);
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        int plain = plainPrefix(text);
        out.append(text, 0, plain);
        for (int i = plain; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("A lone surrogate cannot be written as UTF-8");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The length of the prefix that is written as it is: no quote, backslash, control character or surrogate. */
    private static int plainPrefix(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return i;
            }
        }
        return text.length();
    }
}
