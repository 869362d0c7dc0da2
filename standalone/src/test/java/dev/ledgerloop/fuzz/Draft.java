package dev.ledgerloop.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.fuzz.ApiDescription.Operation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request being generated: starts well-formed, a mutation changes one part of it, then {@link #toCase} fixes it as
 * the bytes to send. Raw JSON that a tree cannot hold (a lone surrogate escape, invalid UTF-8, a number literal
 * beyond double) goes in as a marker string that {@link #splice} replaces by its bytes.
 */
final class Draft {
    final Operation operation;
    final Map<String, String> pathValues = new LinkedHashMap<>();
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    final List<Map.Entry<String, String>> extraHeaders = new ArrayList<>();
    private final Map<String, byte[]> splices = new HashMap<>();

    Credential credential;
    /** The credential's header lines; null: as {@link #credential} gives them. */
    List<Map.Entry<String, String>> credentialHeaders;

    String method;
    /** The whole raw path when a mutation rewrote it; null: the template with {@link #pathValues}. */
    String rawPath;

    JsonNode json;
    byte[] rawBody;
    String contentType;
    /** Set by a mutation whose request no route may accept (a 2xx is then a failure). */
    boolean mustRefuse;

    Draft(Operation operation) {
        this.operation = operation;
        this.method = operation.method();
    }

    /** A marker to put in a tree; the JSON text {@code "marker"} becomes {@code raw} when the body is built. */
    String raw(byte[] raw) {
        String marker = "@@raw" + splices.size() + "@@";
        splices.put(marker, raw);
        return marker;
    }

    String raw(String raw) {
        return raw(raw.getBytes(StandardCharsets.UTF_8));
    }

    boolean hasBody() {
        return rawBody != null || json != null;
    }

    byte[] body() {
        if (rawBody != null) {
            return rawBody;
        }
        return json == null ? null : splice(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    String path() {
        if (rawPath != null) {
            return rawPath;
        }
        String path = operation.template();
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    FuzzCase toCase(long seed, int index, Family family, String detail, Fixtures fixtures, java.util.Random random) {
        StringBuilder target = new StringBuilder(path());
        for (int i = 0; i < query.size(); i++) {
            Map.Entry<String, String> parameter = query.get(i);
            target.append(i == 0 ? '?' : '&').append(parameter.getKey());
            if (parameter.getValue() != null) {
                target.append('=').append(parameter.getValue());
            }
        }
        List<Map.Entry<String, String>> headers =
                new ArrayList<>(credentialHeaders != null ? credentialHeaders : fixtures.headersOf(credential, random));
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        headers.addAll(extraHeaders);
        return new FuzzCase(
                seed,
                index,
                operation,
                family,
                detail,
                credential,
                method,
                target.toString(),
                headers,
                body(),
                mustRefuse);
    }

    private byte[] splice(byte[] text) {
        if (splices.isEmpty()) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
        String ascii = new String(text, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < ascii.length()) {
            int next = ascii.indexOf("\"@@raw", at);
            if (next < 0) {
                break;
            }
            int end = ascii.indexOf("@@\"", next + 6);
            String marker = ascii.substring(next + 1, end + 2);
            byte[] raw = splices.get(marker);
            if (raw == null) {
                out.write(text, at, next + 1 - at);
                at = next + 1;
                continue;
            }
            out.write(text, at, next - at);
            out.writeBytes(raw);
            at = end + 3;
        }
        out.write(text, at, text.length - at);
        return out.toByteArray();
    }
}
