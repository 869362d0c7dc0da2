package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.sdk.components.Component;
import dev.ledgerloop.sdk.crypto.EnvelopeCipher;
import dev.ledgerloop.sdk.crypto.RandomBytes;
import dev.ledgerloop.sdk.crypto.X25519KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The agent's client of the Ledgerloop API (docs/api.md, docs/sdk.md). Content is end-to-end encrypted on the way
 * out and decrypted on the way in with the agent's X25519 key, derived from its API key and name: no key file.
 *
 * <pre>{@code
 * LedgerloopClient client = LedgerloopClient.builder()
 *         .baseUrl("http://localhost:8080").apiKey(System.getenv("LEDGERLOOP_API_KEY")).agentName("deploy-bot").build();
 * Session session = client.createSession("Deploy v2.3");
 * client.addParticipant(session.id(), "alice", "member");
 * Message question = client.send(session.id(),
 *         NewMessage.text("Deploy **v2.3** to production?").components(Components.approveReject()).askingForResponse());
 * Optional<Response> answer = client.awaitResponse(session.id(), question.id(), Duration.ofHours(1));
 * }</pre>
 *
 * Every failure is a {@link LedgerloopException}. A client is thread-safe; make one per agent and share it.
 */
public final class LedgerloopClient {
    private final Http http;
    private final Sealing sealing;
    private final Decoding decoding;
    private final TimelineSearch search;
    private final ResponseAwaiter awaiter;
    private final boolean registersKey;
    private final AtomicBoolean keyRegistered = new AtomicBoolean();

    private LedgerloopClient(Builder builder) {
        this.http = new Http(
                builder.baseUrl, builder.apiKey, builder.agentName, builder.connectTimeout, builder.requestTimeout);
        X25519KeyPair agentKey = X25519KeyPair.deriveAgentKey(builder.apiKey, builder.agentName);
        this.registersKey = builder.recipientKeys == null;
        this.sealing = new Sealing(
                agentKey,
                EnvelopeCipher.withRandom(builder.random),
                builder.recipientKeys == null ? new ApiRecipientKeys(http) : builder.recipientKeys);
        this.decoding = new Decoding(sealing);
        this.search = new TimelineSearch(http);
        this.awaiter = new ResponseAwaiter(http, search, decoding, Clock.systemUTC());
    }

    /** A builder; {@code baseUrl} and {@code apiKey} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** How the client connects. */
    public static final class Builder {
        private String baseUrl = "http://localhost:8080";
        private String apiKey;
        private String agentName;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RecipientKeys recipientKeys;
        private RandomBytes random = RandomBytes.secure();

        private Builder() {}

        /** The gateway's address, such as {@code http://localhost:8080} (the default). */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The agent's API key ({@code hlp_...}); also the seed of its encryption key. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The agent name sent as {@code X-Hiloop}; without one the key acts as its own agent. */
        public Builder agentName(String agentName) {
            this.agentName = agentName;
            return this;
        }

        /** How long to wait for a connection (default 10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long to wait for an answer of an ordinary request (default 30 s; long-polls have their own). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * Seal for these keys instead of asking the API (keys exchanged outside Ledgerloop). The client then does not
         * register its own key either.
         */
        public Builder recipientKeys(RecipientKeys recipientKeys) {
            this.recipientKeys = recipientKeys;
            return this;
        }

        /** Random bytes for sealing (default: SecureRandom); for tests. */
        public Builder random(RandomBytes random) {
            this.random = random;
            return this;
        }

        /** The client. */
        public LedgerloopClient build() {
            if (baseUrl == null || baseUrl.isBlank()) {
                throw new IllegalArgumentException("baseUrl is required");
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey is required");
            }
            return new LedgerloopClient(this);
        }
    }

    // --- keys

    /** The agent's X25519 key pair, derived from the API key and agent name (docs/sdk.md §Envelope). */
    public X25519KeyPair agentKey() {
        return sealing.agentKey();
    }

    /**
     * Registers the agent's public key ({@code PUT /v1/agent/public-key}) so humans can seal for it. Done once by the
     * first call that seals; call it yourself to make the agent readable before it sends anything.
     */
    public void registerPublicKey() {
        X25519KeyPair key = sealing.agentKey();
        ObjectNode body = Http.JSON
                .createObjectNode()
                .put("publicKey", Base64.getEncoder().encodeToString(key.publicKey()))
                .put("fingerprint", key.kid());
        http.put("/v1/agent/public-key", body);
        keyRegistered.set(true);
    }

    private void ensureKeyRegistered() {
        if (registersKey && !keyRegistered.get()) {
            registerPublicKey();
        }
    }

    /**
     * Who the session's content is sealed for: its agent, participants (with or without a registered key) and the
     * space key ({@code GET /v1/agent/sessions/{id}/recipients}).
     */
    public List<Recipient> recipients(String sessionId) {
        return list(
                http.get(sessionPath(sessionId) + "/recipients").path("items"),
                item -> new Recipient(
                        Decoding.text(item, "kind"),
                        Decoding.text(item, "id"),
                        Decoding.text(item, "role"),
                        Decoding.text(item, "kid"),
                        Decoding.text(item, "publicKey")));
    }

    // --- sessions

    /** Opens a private session without a title. */
    public Session createSession() {
        return createSession(NewSession.titled(null));
    }

    /** Opens a private session with this title (sealed), or none when null. */
    public Session createSession(String title) {
        return createSession(NewSession.titled(title));
    }

    /** Opens a session. */
    public Session createSession(NewSession session) {
        ensureKeyRegistered();
        ObjectNode body = Http.JSON.createObjectNode();
        if (session.title() != null) {
            body.set(
                    "encryptedTitle",
                    sealing.seal(null, textJson(session.title())).toJson());
        }
        body.put("isPublic", session.isPublic());
        if (session.maxGuests() != null) {
            body.put("maxGuests", session.maxGuests());
        }
        if (session.requireSignedAnswers() != null) {
            body.put("requireSignedAnswers", session.requireSignedAnswers());
        }
        return decoding.session(http.post("/v1/agent/sessions", body));
    }

    /** One of the agent's sessions. */
    public Session session(String sessionId) {
        return decoding.session(http.get(sessionPath(sessionId)));
    }

    /**
     * A page of the agent's sessions.
     *
     * @param status {@code Active}, {@code Closed}, {@code Archived}, {@code Erased}, or null for all but archived
     */
    public Page<Session> sessions(String status, int page, int pageSize) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("page", page);
        query.put("pageSize", pageSize);
        return page(http.get(Http.query("/v1/agent/sessions", query)), decoding::session);
    }

    /** Closes a session (it then takes only archiving). */
    public Session closeSession(String sessionId) {
        return decoding.session(http.post(sessionPath(sessionId) + "/close", null));
    }

    /** Archives a session. */
    public Session archiveSession(String sessionId) {
        return decoding.session(http.post(sessionPath(sessionId) + "/archive", null));
    }

    // --- messages

    /**
     * Sends a message: its text and components are sealed for every recipient of the session that has a key and for
     * the agent itself. Answers the message as sent, decrypted.
     */
    public Message send(String sessionId, NewMessage message) {
        ObjectNode body = sealedContent(sessionId, message.text(), message.components());
        if (message.responseRequired()) {
            body.put("responseRequired", true);
        }
        body.put("priority", message.priority().apiName());
        if (message.deadlineAt() != null) {
            body.put("deadlineAt", message.deadlineAt().toString());
        }
        if (message.referenceId() != null) {
            body.put("referenceId", message.referenceId());
        }
        return decoding.message(http.post(sessionPath(sessionId) + "/messages", body));
    }

    /** Replaces the text and components of one of the agent's messages (sealed anew for today's recipients). */
    public void editMessage(String sessionId, String messageId, String text, List<Component> components) {
        http.patch(
                sessionPath(sessionId) + "/messages/" + Http.segment(messageId),
                sealedContent(sessionId, text, components));
    }

    /** Deletes one of the agent's messages (the timeline keeps a tombstone). */
    public void deleteMessage(String sessionId, String messageId) {
        http.delete(sessionPath(sessionId) + "/messages/" + Http.segment(messageId));
    }

    /**
     * Acknowledges the session's latest answered, still pending question ({@code Completed}). Do this once the answer
     * has been acted on: until then {@link #awaitResponse} hands it out again, also after a restart.
     */
    public void acknowledge(String sessionId) {
        http.post(sessionPath(sessionId) + "/acknowledge", null);
    }

    /** Cancels the session's latest pending question. */
    public void cancel(String sessionId) {
        http.post(sessionPath(sessionId) + "/cancel", null);
    }

    /**
     * The latest {@code limit} (1–100) items before {@code before} (an item id, or null for the newest), oldest first,
     * decrypted where the agent's key opens them. Signatures of answers are verified: one that does not throws.
     */
    public Timeline timeline(String sessionId, int limit, String before) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", limit);
        query.put("before", before);
        JsonNode page = http.get(Http.query(sessionPath(sessionId) + "/timeline", query));
        Map<String, JsonNode> messages = new LinkedHashMap<>();
        List<TimelineItem> items = new ArrayList<>();
        for (JsonNode item : page.path("data")) {
            switch (item.path("kind").asText()) {
                case "message" -> {
                    messages.put(item.path("id").asText(), item);
                    items.add(decoding.message(item));
                }
                case "response" ->
                    items.add(response(item, messages.get(item.path("messageId").asText())));
                default -> items.add(decoding.system(item));
            }
        }
        return new Timeline(items, page.path("hasMore").asBoolean(false));
    }

    private Response response(JsonNode item, JsonNode message) {
        if (!item.hasNonNull("signature")) {
            return decoding.response(item, null);
        }
        JsonNode question = message != null
                ? message
                : search.find(Decoding.text(item, "sessionId"), Decoding.text(item, "messageId"))
                        .message();
        return decoding.response(
                item,
                DecisionVerification.verify(
                        item,
                        question == null ? null : question.get("encryptedContent"),
                        question == null ? null : question.get("encryptedComponents")));
    }

    /**
     * Waits for a human's answer until {@code deadline} has passed, with long-polls of at most 55 s each. Survives
     * restarts of the system and connection failures (retried with a bounded backoff until the deadline). With a
     * {@code messageId}, waits for that question's answer (also one given and acknowledged earlier); without, for the
     * session's latest answered question that is not yet acknowledged.
     *
     * <p>The server hands out an answer until it is acknowledged, so an agent that restarts gets the same answer (same
     * {@link Response#id()}) again: nothing is lost; to act once, {@link #acknowledge} after acting and skip ids
     * already handled.
     *
     * @return the decrypted answer, with its signature verified if it has one; empty when the deadline passed first
     * @throws LedgerloopException {@code SIGNATURE_INVALID} for an answer whose signature does not verify, {@code
     *     CANNOT_DECRYPT} for one not sealed for the agent, or the API's error for anything not transient
     */
    public Optional<Response> awaitResponse(String sessionId, String messageId, Duration deadline) {
        return awaiter.await(sessionId, messageId, deadline);
    }

    // --- live stream

    /**
     * Subscribes to the live event stream of the agent's sessions and invocations ({@code GET /v1/agent/stream}),
     * starting after the event {@code afterId} (null: from now on). The stream runs on its own daemon thread and
     * reconnects with {@code Last-Event-ID} whenever it breaks, so the listener sees every event once, in log order.
     * Payloads are the webhook payloads, content in its envelopes; {@link #decodeMessage} and {@link
     * #decodeResponse} open them.
     */
    public EventStream stream(String afterId, StreamListener listener) {
        EventStream stream = new EventStream(http, afterId, listener);
        stream.start();
        return stream;
    }

    /** A message object of an event payload ({@code session.message.new}'s {@code data.message}), decrypted. */
    public Message decodeMessage(JsonNode message) {
        return decoding.message(message);
    }

    /**
     * A response object of an event payload ({@code session.message.responded}'s {@code data.response}, with the
     * payload's {@code sessionId} and {@code messageId}), decrypted, its signature verified if it has one.
     */
    public Response decodeResponse(String sessionId, String messageId, JsonNode response) {
        ObjectNode item = response.deepCopy();
        item.put("sessionId", sessionId);
        item.put("messageId", messageId);
        return awaiter.decode(item, null);
    }

    // --- participants

    /** Adds a human to the session with this role ({@code member} when null). */
    public Participant addParticipant(String sessionId, String userId, String role) {
        ObjectNode body = Http.JSON.createObjectNode().put("userId", userId);
        if (role != null) {
            body.put("role", role);
        }
        return decoding.participant(http.post(sessionPath(sessionId) + "/participants", body));
    }

    /** A page of the session's participants. */
    public Page<Participant> participants(String sessionId, int page, int pageSize) {
        return page(
                http.get(Http.query(
                        sessionPath(sessionId) + "/participants", Map.of("page", page, "pageSize", pageSize))),
                decoding::participant);
    }

    /** Changes a participant's role. */
    public Participant changeRole(String sessionId, String userId, String role) {
        return decoding.participant(http.patch(
                sessionPath(sessionId) + "/participants/" + Http.segment(userId),
                Http.JSON.createObjectNode().put("role", role)));
    }

    /** Removes a participant. */
    public void removeParticipant(String sessionId, String userId) {
        http.delete(sessionPath(sessionId) + "/participants/" + Http.segment(userId));
    }

    // --- guest tokens

    /** A new guest token; its secret {@link GuestToken#token()} and link are in this answer only. */
    public GuestToken createGuestToken(String sessionId, Integer maxUses, Instant expiresAt) {
        ObjectNode body = Http.JSON.createObjectNode();
        if (maxUses != null) {
            body.put("maxUses", maxUses);
        }
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return decoding.guestToken(http.post(sessionPath(sessionId) + "/guest-tokens", body));
    }

    /** A page of the session's guest tokens (without their secrets). */
    public Page<GuestToken> guestTokens(String sessionId, int page, int pageSize) {
        return page(
                http.get(Http.query(
                        sessionPath(sessionId) + "/guest-tokens", Map.of("page", page, "pageSize", pageSize))),
                decoding::guestToken);
    }

    /** Revokes a guest token. */
    public void revokeGuestToken(String sessionId, String tokenId) {
        http.delete(sessionPath(sessionId) + "/guest-tokens/" + Http.segment(tokenId));
    }

    // --- attachments

    /**
     * Uploads bytes as an attachment. The server stores what it is given: encrypt the bytes before if they are
     * confidential (the API leaves the scheme to the clients).
     */
    public Attachment uploadAttachment(String sessionId, String filename, String mimeType, byte[] bytes) {
        return decoding.attachment(http.upload(
                sessionPath(sessionId) + "/attachments",
                filename,
                mimeType == null ? "application/octet-stream" : mimeType,
                bytes));
    }

    /** A page of the session's attachments, oldest first. */
    public Page<Attachment> attachments(String sessionId, int page, int pageSize) {
        return page(
                http.get(Http.query(
                        sessionPath(sessionId) + "/attachments", Map.of("page", page, "pageSize", pageSize))),
                decoding::attachment);
    }

    /** An attachment's bytes as uploaded. */
    public byte[] downloadAttachment(String sessionId, String attachmentId) {
        return http.bytes(sessionPath(sessionId) + "/attachments/" + Http.segment(attachmentId));
    }

    // --- commands and invocations

    /** Replaces the agent's whole set of commands. */
    public List<Command> registerCommands(List<Command> commands) {
        ArrayNode body = Http.JSON.createArrayNode();
        for (Command command : commands) {
            ObjectNode node = body.addObject().put("name", command.name());
            if (command.description() != null) {
                node.put("description", command.description());
            }
            node.set("parameters", command.parameters());
        }
        return list(http.put("/v1/agent/commands", body), decoding::command);
    }

    /** The agent's commands. */
    public List<Command> commands() {
        return list(http.get("/v1/agent/commands"), decoding::command);
    }

    /** A page of the agent's invocations, of one {@code status} or of all (null). */
    public Page<Invocation> invocations(String status, int page, int pageSize) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("page", page);
        query.put("pageSize", pageSize);
        return page(http.get(Http.query("/v1/agent/invocations", query)), decoding::invocation);
    }

    /** One invocation, its encrypted arguments decrypted when sealed for the agent. */
    public Invocation invocation(String invocationId) {
        return decoding.invocation(http.get("/v1/agent/invocations/" + Http.segment(invocationId)));
    }

    /**
     * Completes an invocation with a JSON result, sealed for the recipients of the invocation's session (or, outside a
     * session, for the agent and the space key only).
     */
    public Invocation completeInvocation(String invocationId, JsonNode result) {
        Invocation invocation = invocation(invocationId);
        if (invocation.sessionId() != null) {
            ensureKeyRegistered();
        }
        ObjectNode body = Http.JSON.createObjectNode();
        body.set(
                "encryptedResult",
                sealing.seal(invocation.sessionId(), result.toString()).toJson());
        return decoding.invocation(
                http.post("/v1/agent/invocations/" + Http.segment(invocationId) + "/complete", body));
    }

    /** Fails an invocation with a message (≤ 2000 characters, in clear). */
    public Invocation failInvocation(String invocationId, String error) {
        return decoding.invocation(http.post(
                "/v1/agent/invocations/" + Http.segment(invocationId) + "/fail",
                Http.JSON.createObjectNode().put("error", error)));
    }

    // --- helpers

    private ObjectNode sealedContent(String sessionId, String text, List<Component> components) {
        ensureKeyRegistered();
        ObjectNode body = Http.JSON.createObjectNode();
        body.set("encryptedContent", sealing.seal(sessionId, textJson(text)).toJson());
        if (components != null && !components.isEmpty()) {
            body.set(
                    "encryptedComponents",
                    sealing.seal(sessionId, Component.toJson(components).toString())
                            .toJson());
        }
        return body;
    }

    private static String textJson(String text) {
        return Http.JSON.createObjectNode().put("text", text).toString();
    }

    private static String sessionPath(String sessionId) {
        return "/v1/agent/sessions/" + Http.segment(sessionId);
    }

    private static <T> Page<T> page(JsonNode page, Function<JsonNode, T> item) {
        List<T> data = new ArrayList<>();
        page.path("data").forEach(node -> data.add(item.apply(node)));
        return new Page<>(
                data,
                page.path("total").asLong(),
                page.path("page").asInt(),
                page.path("pageSize").asInt());
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
        List<T> data = new ArrayList<>();
        array.forEach(node -> data.add(item.apply(node)));
        return data;
    }
}
