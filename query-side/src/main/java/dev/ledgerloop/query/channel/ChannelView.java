package dev.ledgerloop.query.channel;

import dev.ledgerloop.query.Views;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** The channel object (docs/api.md §Channels), read from the {@code channels} view. */
record ChannelView(
        String id,
        String name,
        String description,
        String status,
        String createdBy,
        List<String> participantIds,
        Instant createdAt,
        Instant closedAt) {

    static ChannelView of(Document document) {
        return new ChannelView(
                document.getString("_id"),
                document.getString("name"),
                document.getString("description"),
                document.getString("status"),
                document.getString("createdBy"),
                document.getList("participantIds", String.class),
                Views.instant(document.get("createdAt")),
                Views.instant(document.get("closedAt")));
    }

    /** One participant of a channel and when it joined. */
    record Participant(String agentId, Instant addedAt) {
        static Participant of(Document document) {
            return new Participant(document.getString("agentId"), Views.instant(document.get("addedAt")));
        }
    }

    /** A message of a channel, as sent. */
    record Message(
            String id,
            String channelId,
            String senderAgentId,
            String kind,
            Map<String, Object> encryptedContent,
            Instant createdAt) {
        static Message of(Document document) {
            return new Message(
                    document.getString("_id"),
                    document.getString("channelId"),
                    document.getString("senderAgentId"),
                    document.getString("kind"),
                    document.get("encryptedContent", Document.class),
                    Views.instant(document.get("createdAt")));
        }
    }
}
