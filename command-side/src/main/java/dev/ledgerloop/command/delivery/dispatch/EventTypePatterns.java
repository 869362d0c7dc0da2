package dev.ledgerloop.command.delivery.dispatch;

import java.util.List;

/** Whether an endpoint's event types ({@code session.message.new}, {@code session.*}, {@code *}) take a type. */
final class EventTypePatterns {
    private EventTypePatterns() {}

    static boolean anyMatches(List<String> patterns, String type) {
        for (String pattern : patterns) {
            if (matches(pattern, type)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String type) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }
}
