package dev.ledgerloop.fuzz;

import dev.ledgerloop.fuzz.ApiDescription.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One generated request: which operation and mutation family it exercises, what it changed ({@code detail}), and the
 * request exactly as sent (raw target with its query, headers in order, repeats included, body bytes or none).
 */
record FuzzCase(
        long seed,
        int index,
        Operation operation,
        Family family,
        String detail,
        Credential credential,
        String method,
        String target,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        boolean mustRefuse) {

    /** How to send it again: the seed and index, and a curl command line (credentials shown by kind, not value). */
    String reproduction(String base) {
        StringBuilder curl = new StringBuilder("seed=" + seed + " case=" + index + " [" + family + ": " + detail
                + "]\n  curl -X " + method + " '" + base + target + "'");
        for (Map.Entry<String, String> header : headers) {
            curl.append(" -H '")
                    .append(header.getKey())
                    .append(": ")
                    .append(shown(header))
                    .append("'");
        }
        if (body != null) {
            curl.append(" --data-binary $'").append(escaped(body)).append("'");
        }
        return curl.toString();
    }

    private String shown(Map.Entry<String, String> header) {
        String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
        if (name.equals("x-api-key") || name.equals("authorization")) {
            return "<" + credential + ">";
        }
        return abbreviated(header.getValue());
    }

    private static String escaped(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 600; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return body.length > 600 ? out + "...' (" + body.length + " bytes in all) $'" : out.toString();
    }

    private static String abbreviated(String value) {
        return value.length() > 200 ? value.substring(0, 200) + "...(" + value.length() + " chars)" : value;
    }
}
