package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of the live event stream ({@code GET /v1/agent/stream}): the webhook type and payload (docs/api.md
 * "Webhook payloads"), content still in its envelopes.
 *
 * @param id the event's position in the log ({@code <commit>-<prepare>}); resume after it with {@link
 *     LedgerloopClient#stream}
 * @param type such as {@code session.message.responded}
 * @param payload {@code {id, type, createdAt, data}}
 */
public record StreamEvent(String id, String type, JsonNode payload) {
    /** The payload's {@code data}. */
    public JsonNode data() {
        return payload.path("data");
    }
}
