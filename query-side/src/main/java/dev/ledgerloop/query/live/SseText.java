package dev.ledgerloop.query.live;

/**
 * Server-sent events in their wire form, written once per event and sent as they are to every stream it is for
 * (the same bytes Spring's {@code SseEmitter} writes: {@code id:}, {@code event:}, {@code data:} lines and an empty
 * line).
 */
final class SseText {
    private SseText() {}

    /** An event; {@code id} null for a live signal that is not in the log (it moves no resume position). */
    static String event(String id, String type, String data) {
        StringBuilder text = new StringBuilder(data.length() + 96);
        if (id != null) {
            text.append("id:").append(singleLine(id)).append('\n');
        }
        text.append("event:").append(singleLine(type)).append('\n');
        text.append("data:")
                .append(data.replace("\r", "").replace("\n", "\ndata:"))
                .append("\n\n");
        return text.toString();
    }

    /** A comment line (listening, heartbeat): clients ignore it, proxies see traffic. */
    static String comment(String comment) {
        return ":" + singleLine(comment) + "\n\n";
    }

    private static String singleLine(String field) {
        if (field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A line break in a server-sent event's field");
        }
        return field;
    }
}
