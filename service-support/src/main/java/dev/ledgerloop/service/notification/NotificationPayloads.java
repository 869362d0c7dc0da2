package dev.ledgerloop.service.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ledgerloop.events.channel.ChannelCreated;
import dev.ledgerloop.events.channel.ChannelEvent;
import dev.ledgerloop.events.channel.ChannelMessageSent;
import dev.ledgerloop.events.invocation.InvocationContent;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.events.log.CheckpointRecorded;
import dev.ledgerloop.events.session.AttachmentUploaded;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SessionOpened;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON bodies of notifications, as webhook deliveries and live streams send them (docs/api.md §Webhooks): {@code
 * {id, type, createdAt, data}}, where data carries the
 * event's ids and, for content, its end-to-end envelopes as the API shows them: the receiver decrypts.
 */
public final class NotificationPayloads {
    static final DateTimeFormatter API_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private NotificationPayloads() {}

    static Map<String, Object> sessionCreated(SessionOpened event, Instant at) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", event.sessionId());
        session.put("status", "Active");
        session.put("isPublic", event.isPublic());
        session.put("maxGuests", event.maxGuests());
        session.put("encryptedTitle", event.encryptedTitle());
        session.put("agentId", event.agentId());
        session.put("createdAt", timestamp(at));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", event.sessionId());
        data.put("agentId", event.agentId());
        data.put("session", session);
        return data;
    }

    static Map<String, Object> messageNew(MessageSent event, UUID agentId, Instant at) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", event.messageId());
        message.put("sessionId", event.sessionId());
        message.put("senderType", event.senderType());
        message.put("senderAgentId", event.senderAgentId());
        message.put("senderUserId", event.senderUserId());
        message.put("encryptedContent", event.encryptedContent());
        message.put("encryptedComponents", event.encryptedComponents());
        message.put("responseRequired", event.responseRequired());
        message.put("status", event.responseRequired() ? "Pending" : "Completed");
        message.put("priority", event.priority());
        message.put("deadlineAt", event.deadlineAt() == null ? null : timestamp(event.deadlineAt()));
        message.put("referenceId", event.referenceId());
        message.put("createdAt", timestamp(at));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", event.sessionId());
        data.put("agentId", agentId);
        data.put("message", message);
        return data;
    }

    /** The data of a session's events that carry nothing but ids: {@code {sessionId, agentId}}. */
    static Map<String, Object> aboutSession(UUID sessionId, UUID agentId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", sessionId);
        data.put("agentId", agentId);
        return data;
    }

    /** {@code {sessionId, agentId, messageId}}: a message's expiry, cancellation, acknowledgement or deletion. */
    static Map<String, Object> aboutMessage(UUID sessionId, UUID agentId, UUID messageId) {
        Map<String, Object> data = aboutSession(sessionId, agentId);
        data.put("messageId", messageId);
        return data;
    }

    static Map<String, Object> messageResponded(ResponseSubmitted event, UUID agentId, Instant at) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", event.responseId());
        response.put("userId", event.userId());
        response.put("encryptedResponse", event.encryptedResponse());
        if (event.signature() != null) {
            response.put("signature", event.signature());
        }
        response.put("createdAt", timestamp(at));
        Map<String, Object> data = aboutMessage(event.sessionId(), agentId, event.messageId());
        data.put("response", response);
        return data;
    }

    static Map<String, Object> messageEdited(MessageEdited event, UUID agentId) {
        Map<String, Object> data = aboutMessage(event.sessionId(), agentId, event.messageId());
        data.put("encryptedContent", event.encryptedContent());
        data.put("encryptedComponents", event.encryptedComponents());
        return data;
    }

    /** {@code role} is null for a removal. */
    static Map<String, Object> participant(UUID sessionId, UUID agentId, String userId, ParticipantRole role) {
        Map<String, Object> data = aboutSession(sessionId, agentId);
        data.put("userId", userId);
        data.put("role", role == null ? null : role.name());
        return data;
    }

    static Map<String, Object> attachmentUploaded(AttachmentUploaded event, UUID agentId, Instant at) {
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("id", event.attachmentId());
        attachment.put("filename", event.filename());
        attachment.put("mimeType", event.mimeType());
        attachment.put("size", event.size());
        attachment.put("sha256", event.sha256());
        attachment.put("createdAt", timestamp(at));
        Map<String, Object> data = aboutSession(event.sessionId(), agentId);
        data.put("attachment", attachment);
        return data;
    }

    /** @param arguments opened when sealed under the session's key; both null once the session is shredded */
    static Map<String, Object> invocationRequested(
            InvocationRequested event, InvocationContent.Arguments arguments, Instant at) {
        Map<String, Object> data = aboutInvocation(event.invocationId(), event.agentId(), event.sessionId());
        data.put("command", event.command());
        data.put("arguments", arguments.arguments());
        data.put("encryptedArguments", arguments.encryptedArguments());
        data.put("requestedBy", event.requestedBy());
        data.put("createdAt", timestamp(at));
        return data;
    }

    /** {@code {invocationId, agentId, sessionId}} (the session it was made in, or null), then what the event adds. */
    static Map<String, Object> aboutInvocation(UUID invocationId, UUID agentId, UUID sessionId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invocationId", invocationId);
        data.put("agentId", agentId);
        data.put("sessionId", sessionId);
        return data;
    }

    /** {@code {channelId, agentId, participantIds}}: the channel, the agent that acted, its participants after. */
    static Map<String, Object> aboutChannel(ChannelEvent event, UUID actingAgentId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channelId", event.channelId());
        data.put("agentId", actingAgentId);
        data.put("participantIds", event.participantIds());
        return data;
    }

    static Map<String, Object> channelCreated(ChannelCreated event, Instant at) {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("id", event.channelId());
        channel.put("name", event.name());
        channel.put("description", event.description());
        channel.put("status", "Open");
        channel.put("createdBy", event.createdBy());
        channel.put("participantIds", event.participantIds());
        channel.put("createdAt", timestamp(at));
        channel.put("closedAt", null);
        Map<String, Object> data = aboutChannel(event, event.createdBy());
        data.put("channel", channel);
        return data;
    }

    static Map<String, Object> channelMessageNew(ChannelMessageSent event, Instant at) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", event.messageId());
        message.put("channelId", event.channelId());
        message.put("senderAgentId", event.senderAgentId());
        message.put("kind", event.kind());
        message.put("encryptedContent", event.encryptedContent());
        message.put("createdAt", timestamp(at));
        Map<String, Object> data = aboutChannel(event, event.senderAgentId());
        data.put("message", message);
        return data;
    }

    /** A participant added or removed ({@code participantId}) by another ({@code actingAgentId}) or itself. */
    static Map<String, Object> channelParticipant(ChannelEvent event, UUID actingAgentId, UUID participantId) {
        Map<String, Object> data = aboutChannel(event, actingAgentId);
        data.put("participantId", participantId);
        return data;
    }

    static Map<String, Object> logCheckpoint(CheckpointRecorded event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("treeSize", event.treeSize());
        data.put("rootHash", event.rootHash());
        data.put("checkpoint", event.checkpoint());
        return data;
    }

    public static String body(Object id, String type, Instant createdAt, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type);
        body.put("createdAt", timestamp(createdAt));
        body.put("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body a delivery about a shredded session sends instead of its own: the same id, type and time, and in data
     * only the session's id and {@code erased: true} (docs/webhooks.md).
     */
    public static String erased(String payload, UUID sessionId) {
        try {
            Map<String, Object> body =
                    JSON.readValue(payload, new com.fasterxml.jackson.core.type.TypeReference<>() {});
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sessionId", sessionId);
            data.put("erased", true);
            body.put("data", data);
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The erased body of a delivery whose own body cannot be opened any more: its session was shredded. */
    public static String erased(UUID deliveryId, String type, Instant createdAt, UUID sessionId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", sessionId);
        data.put("erased", true);
        return body(deliveryId, type, createdAt, data);
    }

    public static String timestamp(Instant at) {
        return API_TIMESTAMP.format(at.truncatedTo(ChronoUnit.MILLIS));
    }
}
