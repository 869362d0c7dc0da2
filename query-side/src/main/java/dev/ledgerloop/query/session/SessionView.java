package dev.ledgerloop.query.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.shredding.Erasure;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;

/**
 * docs/api.md's session object, read from the {@code sessions} view; {@code interactionType} only on a session opened
 * as a legacy interaction.
 */
public record SessionView(
        String id,
        String status,
        boolean isPublic,
        Integer maxGuests,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean requireSignedAnswers,
        Map<String, Object> encryptedTitle,
        String agentId,
        Instant createdAt,
        Instant updatedAt,
        Instant lastMessageAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean erased,
        @JsonInclude(JsonInclude.Include.NON_NULL) String interactionType) {

    static final String INTERACTION_TYPE = "interactionType";

    static SessionView of(Document document) {
        return new SessionView(
                document.getString("_id"),
                document.getString("status"),
                document.getBoolean("isPublic", false),
                document.getInteger("maxGuests"),
                // An erased session's object keeps only what its clear records say (docs/api.md §Shredding).
                document.getBoolean(Erasure.ERASED, false) ? null : document.getBoolean("requireSignedAnswers", false),
                document.get("encryptedTitle", Document.class),
                document.getString("agentId"),
                Views.instant(document.get("createdAt")),
                Views.instant(document.get("updatedAt")),
                Views.instant(document.get("lastMessageAt")),
                document.getBoolean(Erasure.ERASED, false) ? Boolean.TRUE : null,
                document.getString(INTERACTION_TYPE));
    }
}
