package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** The API's JSON objects as the SDK's records, decrypted with the agent's key where it opens them. */
final class Decoding {
    private final Sealing sealing;

    Decoding(Sealing sealing) {
        this.sealing = sealing;
    }

    Session session(JsonNode node) {
        return new Session(
                text(node, "id"),
                text(node, "status"),
                node.path("isPublic").asBoolean(false),
                node.hasNonNull("maxGuests") ? node.get("maxGuests").asInt() : null,
                sealing.openJson(node.get("encryptedTitle"))
                        .map(title -> title.path("text").asText(null))
                        .orElse(null),
                text(node, "agentId"),
                instant(node, "createdAt"),
                instant(node, "updatedAt"),
                instant(node, "lastMessageAt"));
    }

    Message message(JsonNode node) {
        Optional<JsonNode> content = sealing.openJson(node.get("encryptedContent"));
        JsonNode components = sealing.openJson(node.get("encryptedComponents")).orElse(null);
        return new Message(
                text(node, "id"),
                text(node, "sessionId"),
                text(node, "senderType"),
                text(node, "senderAgentId"),
                text(node, "senderUserId"),
                content.map(json -> json.path("text").asText(null)).orElse(null),
                components,
                content.isPresent(),
                node.path("responseRequired").asBoolean(false),
                text(node, "status"),
                text(node, "priority"),
                instant(node, "deadlineAt"),
                text(node, "referenceId"),
                instant(node, "createdAt"),
                instant(node, "editedAt"),
                instant(node, "deletedAt"),
                nullable(node.get("encryptedContent")),
                nullable(node.get("encryptedComponents")));
    }

    /** A response with its signature as given: {@code signature} must have been verified by the caller. */
    Response response(JsonNode node, DecisionSignature signature) {
        Optional<JsonNode> answer = sealing.openJson(node.get("encryptedResponse"));
        return new Response(
                text(node, "id"),
                text(node, "sessionId"),
                text(node, "messageId"),
                text(node, "userId"),
                answer.map(json -> json.path("action").asText(null)).orElse(null),
                answer.map(json -> json.hasNonNull("values") ? json.get("values") : Http.JSON.createObjectNode())
                        .orElse(null),
                answer.isPresent(),
                instant(node, "createdAt"),
                signature,
                nullable(node.get("encryptedResponse")));
    }

    SystemEvent system(JsonNode node) {
        return new SystemEvent(
                text(node, "id"),
                text(node, "sessionId"),
                text(node, "event"),
                text(node, "userId"),
                text(node, "role"),
                instant(node, "createdAt"));
    }

    Participant participant(JsonNode node) {
        return new Participant(text(node, "userId"), text(node, "role"), text(node, "name"), instant(node, "addedAt"));
    }

    GuestToken guestToken(JsonNode node) {
        return new GuestToken(
                text(node, "id"),
                text(node, "sessionId"),
                text(node, "token"),
                text(node, "publicUrl"),
                node.hasNonNull("maxUses") ? node.get("maxUses").asInt() : null,
                node.path("uses").asInt(0),
                instant(node, "expiresAt"),
                node.path("revoked").asBoolean(false),
                instant(node, "createdAt"));
    }

    Attachment attachment(JsonNode node) {
        return new Attachment(
                text(node, "id"),
                text(node, "sessionId"),
                text(node, "filename"),
                text(node, "mimeType"),
                node.path("size").asLong(),
                text(node, "sha256"),
                text(node, "uploadedBy"),
                instant(node, "createdAt"));
    }

    Command command(JsonNode node) {
        return new Command(text(node, "name"), text(node, "description"), node.get("parameters"));
    }

    Invocation invocation(JsonNode node) {
        JsonNode arguments = node.hasNonNull("arguments")
                ? node.get("arguments")
                : sealing.openJson(node.get("encryptedArguments")).orElse(null);
        return new Invocation(
                text(node, "id"),
                text(node, "agentId"),
                text(node, "sessionId"),
                text(node, "command"),
                arguments,
                text(node, "status"),
                text(node, "requestedBy"),
                text(node, "error"),
                node.path("erased").asBoolean(false),
                instant(node, "createdAt"),
                instant(node, "completedAt"));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }

    private static JsonNode nullable(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
