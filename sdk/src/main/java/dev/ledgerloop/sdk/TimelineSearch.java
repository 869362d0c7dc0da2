package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Looks for one message and its answer in a session's timeline, newest first, a hundred items a page, stopping at the
 * message (an answer always comes after its question).
 */
final class TimelineSearch {
    private static final int PAGE = 100;

    private final Http http;

    TimelineSearch(Http http) {
        this.http = http;
    }

    /** The message's item and its response item, each null when not found. */
    record Found(JsonNode message, JsonNode response) {}

    Found find(String sessionId, String messageId) {
        JsonNode response = null;
        String before = null;
        while (true) {
            JsonNode page = http.get(Http.query(
                    "/v1/agent/sessions/" + Http.segment(sessionId) + "/timeline",
                    before == null ? Map.of("limit", PAGE) : Map.of("limit", PAGE, "before", before)));
            JsonNode items = page.path("data");
            for (int i = items.size() - 1; i >= 0; i--) {
                JsonNode item = items.get(i);
                String kind = item.path("kind").asText();
                if (kind.equals("response")
                        && messageId.equals(item.path("messageId").asText())) {
                    response = item;
                } else if (kind.equals("message")
                        && messageId.equals(item.path("id").asText())) {
                    return new Found(item, response);
                }
            }
            if (!page.path("hasMore").asBoolean(false) || items.isEmpty()) {
                return new Found(null, response);
            }
            before = items.get(0).path("id").asText();
        }
    }
}
