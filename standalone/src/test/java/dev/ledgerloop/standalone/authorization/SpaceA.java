package dev.ledgerloop.standalone.authorization;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Envelopes.message;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.platform.hash.Sha256Hex;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two spaces through the gateway, made the documented way: space A is the embedded default's bootstrap space, where
 * the owner agent (its bootstrap key) has a session with a member, a viewer and a guest who joined by token, a
 * pending question, guest tokens, an attachment, invocations, webhook endpoints and an exhausted delivery; space B
 * has a provisioning key of its own (gateway setting {@code api-keys.spaces[0]}), an agent and a human. Each
 * {@link Credential} has its client; each placeholder of the {@link AuthorizationMatrix} its resource.
 */
final class SpaceA {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    static final UUID SPACE_B = UUID.randomUUID();
    static final String PROVISIONING_KEY_B = "hlp_prov_" + HexFormat.of().formatHex(randomBytes());

    private final LedgerloopSystem system;
    private final Api gateway;
    private final Map<Credential, Api> callers = new EnumMap<>(Credential.class);
    private final Api owner;
    private final Api member;
    /** Each placeholder's resource, as refused calls name it. */
    private final Map<String, String> shared = new HashMap<>();
    /** Placeholders whose resource an allowed call consumes or must not meet twice: a new one for each such call. */
    private final Map<String, Callable<String>> fresh = new HashMap<>();

    private String spareKey;

    /** Gateway settings: space B's provisioning key, and no limits that a few hundred calls of one test would meet. */
    static Map<String, Object> gatewaySettings() {
        return Map.of(
                "ledgerloop.gateway.rate-limit.enabled",
                false,
                "ledgerloop.gateway.failed-authentication.capacity",
                100_000,
                "ledgerloop.gateway.api-keys.spaces[0].space-id",
                SPACE_B,
                "ledgerloop.gateway.api-keys.spaces[0].provisioning-key-hash",
                Sha256Hex.of(PROVISIONING_KEY_B),
                "ledgerloop.gateway.api-keys.spaces[0].provisioning-key-id",
                "provisioning-b");
    }

    /** Backend settings: a delivery is exhausted after two quick attempts, and checkpoints follow content at once. */
    static String[] backendSettings() {
        return new String[] {
            "--ledgerloop.webhooks.retry-schedule=0s,100ms",
            "--ledgerloop.webhooks.jitter=0",
            "--ledgerloop.webhooks.timeout=3s",
            "--ledgerloop.log.checkpoint-interval=100ms"
        };
    }

    private SpaceA(LedgerloopSystem system) {
        this.system = system;
        this.gateway = Api.gateway(system).withTimeout(Duration.ofSeconds(30));
        this.owner = gateway.withKey(system.secrets().bootstrapKeyOnce());
        this.member = gateway.withToken(system.mintHumanToken("alice"));
        callers.put(Credential.AGENT_A, owner);
        callers.put(Credential.PROVISIONING, gateway.withKey(system.secrets().provisioningKeyOnce()));
        callers.put(Credential.MEMBER, member);
        callers.put(Credential.VIEWER, gateway.withToken(system.mintHumanToken("victor")));
        callers.put(Credential.GUEST, gateway.withToken(system.mintHumanToken("gina")));
        callers.put(Credential.OUTSIDER, gateway.withToken(system.mintHumanToken("nina")));
        callers.put(Credential.HUMAN_B, gateway.withToken(system.mintHumanToken("alice", SPACE_B)));
        callers.put(Credential.NONE, gateway);
    }

    static SpaceA make(LedgerloopSystem system) throws Exception {
        SpaceA world = new SpaceA(system);
        world.provisionAgents();
        world.makeResources();
        world.awaitTheViews();
        return world;
    }

    Api caller(Credential credential) {
        return callers.get(credential);
    }

    Api owner() {
        return owner;
    }

    /** The path or body with each placeholder replaced by its shared resource (for a call that must be refused). */
    String refused(String text) {
        return fill(text, false);
    }

    /** The same, with a new resource for each placeholder an allowed call consumes. */
    String allowed(String text) {
        return fill(text, true);
    }

    /** The placeholders of a route. */
    static List<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(match -> match.group(1)).toList();
    }

    /** What the owner reads of the space at large and of every resource a route names, to compare before and after. */
    Map<String, String> readAll() throws Exception {
        Map<String, String> reads = new LinkedHashMap<>();
        for (String read : List.of(
                "/v1/agent/sessions?pageSize=100",
                "/v1/agent/commands",
                "/v1/agent/invocations?pageSize=100",
                "/v1/admin/webhooks?pageSize=100")) {
            reads.put(read, owner.get(read).toString());
        }
        for (String placeholder : List.copyOf(shared.keySet())) {
            reads.putAll(read("{" + placeholder + "}"));
        }
        return reads;
    }

    /** What the owner reads of the resources a route names, to compare before and after. */
    Map<String, String> read(String path) throws Exception {
        Map<String, String> reads = new LinkedHashMap<>();
        for (String placeholder : placeholders(path)) {
            String id = shared.get(placeholder);
            switch (placeholder) {
                case "session", "answeredSession", "askingSession", "closable", "shreddable" -> {
                    String s = "/v1/agent/sessions/" + id;
                    for (String read : List.of(s, s + "/timeline?limit=100", s + "/participants?pageSize=100")) {
                        reads.put(read, owner.get(read).toString());
                    }
                    for (String part : List.of("guest-tokens", "attachments")) {
                        if (path.contains("/" + part) || path.equals("{" + placeholder + "}")) {
                            reads.put(
                                    s + "/" + part,
                                    owner.get(s + "/" + part + "?pageSize=100").toString());
                        }
                    }
                }
                case "interaction", "askingInteraction", "answeredInteraction" -> {
                    String i = "/v1/agent/interactions/" + id;
                    for (String read : List.of(i, i + "/messages?limit=100")) {
                        reads.put(read, owner.get(read).toString());
                    }
                }
                case "invocation", "pendingInvocation" ->
                    reads.put(
                            placeholder,
                            owner.get("/v1/agent/invocations/" + id).toString());
                case "channel", "openChannel", "spareChannel" -> {
                    String c = "/v1/agent/channels/" + id;
                    for (String read : List.of(c, c + "/participants", c + "/messages?limit=100")) {
                        reads.put(read, owner.get(read).toString());
                    }
                }
                case "delivery" ->
                    reads.put(
                            placeholder,
                            owner.get("/v1/agent/webhook-deliveries/" + id).toString());
                case "webhook", "removableWebhook" ->
                    reads.put(placeholder, owner.get("/v1/admin/webhooks/" + id).toString());
                case "spareKey" ->
                    reads.put(
                            placeholder,
                            "the spare key answers "
                                    + gateway.withKey(spareKey)
                                            .get("/v1/agent/sessions")
                                            .status());
                case "letter" ->
                    reads.put(placeholder, owner.get("/v1/admin/parked-events").toString());
                case "view" ->
                    reads.put(
                            placeholder,
                            owner.get("/v1/admin/projections")
                                    .body()
                                    .path("rebuild")
                                    .toString());
                default -> {
                    // The others name no resource of their own (an id in a body, a user id) or one read above.
                }
            }
        }
        return reads;
    }

    /**
     * Waits until nothing more is appended: the log's last event is a checkpoint (so every space's content has been
     * signed), every processor has handled the head, and two looks in a row see the same head. Answers that head.
     */
    long settledHead(EventLog.Head log) throws Exception {
        long[] last = {-1};
        patiently().pollInterval(Duration.ofMillis(250)).until(() -> {
            Optional<RecordedEvent> event = log.last();
            long head = event.map(recorded -> recorded.getPosition().getCommitUnsigned())
                    .orElse(0L);
            boolean still = head == last[0]
                    && event.map(RecordedEvent::getEventType).orElse("").equals("CheckpointRecorded")
                    && everyProcessorAtTheHead();
            last[0] = head;
            return still;
        });
        return last[0];
    }

    private boolean everyProcessorAtTheHead() throws Exception {
        JsonNode projections = owner.get("/v1/admin/projections").body();
        for (JsonNode processor : projections.get("data")) {
            if (processor.at("/lag/events").asLong(-1) != 0) {
                return false;
            }
        }
        return true;
    }

    private String fill(String text, boolean allowed) {
        Map<String, String> chosen = new HashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = chosen.computeIfAbsent(name, placeholder -> resource(placeholder, allowed));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private String resource(String placeholder, boolean allowed) {
        try {
            if (allowed && fresh.containsKey(placeholder)) {
                return fresh.get(placeholder).call();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not make a new " + placeholder, e);
        }
        String value = shared.get(placeholder);
        if (value == null) {
            throw new IllegalStateException("No resource for {" + placeholder + "}");
        }
        return value;
    }

    private void provisionAgents() throws Exception {
        Api provisioning = callers.get(Credential.PROVISIONING);
        callers.put(Credential.OTHER_AGENT_A, gateway.withKey(provisionedKey(provisioning, "other-bot")));
        JsonNode spare = provisioning
                .post("/v1/provision/agents", "{\"name\":\"spare-bot\"}")
                .expect(201)
                .body();
        shared.put("spareAgent", spare.at("/agent/id").asText());
        shared.put("spareKey", spare.get("keyId").asText());
        spareKey = spare.get("apiKey").asText();
        Api provisioningB = gateway.withKey(PROVISIONING_KEY_B);
        // The same agent name as space A's owner agent: a name means an agent within its space only.
        callers.put(Credential.AGENT_B, gateway.withKey(provisionedKey(provisioningB, "default")));
        for (Credential agent : List.of(Credential.AGENT_A, Credential.OTHER_AGENT_A, Credential.AGENT_B)) {
            forTheViews().untilAsserted(() -> assertThat(
                            callers.get(agent).get("/v1/agent/sessions").status())
                    .as("%s works", agent)
                    .isEqualTo(200));
        }
    }

    private static String provisionedKey(Api provisioning, String name) throws Exception {
        return provisioning
                .post("/v1/provision/agents", "{\"name\":\"" + name + "\"}")
                .expect(201)
                .body()
                .get("apiKey")
                .asText();
    }

    private void makeResources() throws Exception {
        shared.put("agentA", system.secrets().agentId().toString());
        shared.put("spaceA", system.secrets().spaceId().toString());
        String session = owner.openSession();
        shared.put("session", session);
        String s = "/v1/agent/sessions/" + session;
        for (Map.Entry<String, String> participant :
                Map.of("alice", "member", "victor", "viewer", "pat", "member").entrySet()) {
            owner.post(
                            s + "/participants",
                            "{\"userId\":\"" + participant.getKey() + "\",\"role\":\"" + participant.getValue() + "\"}")
                    .expect(201);
        }
        String guestToken = guestToken(session).get("token").asText();
        caller(Credential.GUEST)
                .post("/v1/human/sessions/" + session + "/join", "{\"token\":\"" + guestToken + "\"}")
                .expect(201);
        shared.put("question", question(session));
        fresh.put("question", () -> question(session));
        shared.put("participant", "pat");
        fresh.put("participant", () -> {
            String userId = "p-" + UUID.randomUUID();
            owner.post(s + "/participants", "{\"userId\":\"" + userId + "\"}").expect(201);
            return userId;
        });
        shared.put("newUser", "newcomer");
        fresh.put("newUser", () -> "u-" + UUID.randomUUID());
        shared.put("guestToken", guestToken(session).get("id").asText());
        fresh.put("guestToken", () -> guestToken(session).get("id").asText());
        shared.put("joinToken", guestToken(session).get("token").asText());
        fresh.put("joinToken", () -> guestToken(session).get("token").asText());
        shared.put(
                "attachment",
                owner.upload(s + "/attachments", "matrix.bin", new byte[] {1, 2, 3})
                        .expect(201)
                        .id());
        shared.put(
                "eventId",
                EventLog.stream(system, "session-" + session)
                        .get(0)
                        .getEventId()
                        .toString());

        shared.put("answeredSession", answeredSession());
        fresh.put("answeredSession", this::answeredSession);
        shared.put("askingSession", askingSession());
        fresh.put("askingSession", this::askingSession);
        shared.put("interaction", interaction());
        shared.put("askingInteraction", interaction());
        fresh.put("askingInteraction", this::interaction);
        shared.put("answeredInteraction", answeredInteraction());
        fresh.put("answeredInteraction", this::answeredInteraction);
        shared.put("closable", owner.openSession());
        // Shredded once, by the owner's allowed call, after every refusal of it.
        shared.put("shreddable", owner.openSession());
        fresh.put("closable", owner::openSession);

        owner.put("/v1/agent/commands", AuthorizationMatrix.COMMANDS).expect(200);
        shared.put("invocation", invocation());
        shared.put("pendingInvocation", invocation());
        fresh.put("pendingInvocation", this::invocation);

        shared.put("channel", channel());
        shared.put("openChannel", channel());
        fresh.put("openChannel", this::channel);
        shared.put("spareChannel", spareChannel());
        fresh.put("spareChannel", this::spareChannel);

        shared.put("webhook", webhook());
        shared.put("removableWebhook", webhook());
        fresh.put("removableWebhook", this::webhook);
        // A closed session of the owner agent is delivered to the endpoints, which refuse: exhausted at once.
        String closed = owner.openSession();
        owner.post("/v1/agent/sessions/" + closed + "/close", null).expect(200);
        patiently()
                .until(() -> owner.get("/v1/agent/webhook-deliveries?status=Exhausted")
                                .data()
                                .size()
                        == 2);
        shared.put(
                "delivery",
                owner.get("/v1/agent/webhook-deliveries?status=Exhausted")
                        .body()
                        .at("/data/0/id")
                        .asText());
        shared.put("knownUser", "alice");
        shared.put("newSlug", "matrix-slug");
        fresh.put("newSlug", () -> "s-" + UUID.randomUUID());
        shared.put("publicSlug", "matrix-owner");
        // Published by an agent no row acts as, so the allowed profile changes of the table leave it in place.
        gateway.withKey(system.secrets().bootstrapKeyOnce(), "matrix-publisher")
                .put("/v1/agent/profile", "{\"slug\":\"matrix-owner\",\"displayName\":\"Matrix owner\"}")
                .expect(200);
        // A healthy system parks no event: the admin routes of a letter are called with an id that names none.
        shared.put("letter", "0123456789abcdef01234567");
        shared.put("view", "delivery-stats");
    }

    private JsonNode guestToken(String session) throws Exception {
        return owner.post("/v1/agent/sessions/" + session + "/guest-tokens", "{}")
                .expect(201)
                .body();
    }

    private String question(String session) throws Exception {
        return owner.post(
                        "/v1/agent/sessions/" + session + "/messages",
                        "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":true}")
                .expect(201)
                .id();
    }

    /** A session with a question its member answered: the agent may acknowledge it. */
    private String answeredSession() throws Exception {
        String session = owner.openSession();
        owner.post("/v1/agent/sessions/" + session + "/participants", "{\"userId\":\"alice\"}")
                .expect(201);
        String question = question(session);
        member.post(
                        "/v1/human/sessions/" + session + "/messages/" + question + "/respond",
                        "{\"encryptedResponse\":" + envelope() + "}")
                .expect(201);
        return session;
    }

    /** A legacy interaction, pending: the agent may cancel it. */
    private String interaction() throws Exception {
        return owner.post("/v1/agent/interactions", message()).expect(201).id();
    }

    /** A legacy interaction its member answered: the agent may acknowledge it. */
    private String answeredInteraction() throws Exception {
        JsonNode interaction =
                owner.post("/v1/agent/interactions", message()).expect(201).body();
        String session = interaction.get("id").asText();
        owner.post("/v1/agent/sessions/" + session + "/participants", "{\"userId\":\"alice\"}")
                .expect(201);
        member.post(
                        "/v1/human/sessions/" + session + "/messages/"
                                + interaction.get("requestMessageId").asText() + "/respond",
                        "{\"encryptedResponse\":" + envelope() + "}")
                .expect(201);
        return session;
    }

    /** A session with a pending question: the agent may cancel it. */
    private String askingSession() throws Exception {
        String session = owner.openSession();
        question(session);
        return session;
    }

    /** An invocation of the owner agent's command by the member. */
    private String invocation() throws Exception {
        return member.post(
                        "/v1/human/invocations",
                        "{\"agentId\":\"" + shared.get("agentA") + "\",\"command\":\"deploy\",\"arguments\":{}}")
                .expect(201)
                .id();
    }

    /** A channel of the owner agent alone, with a message. */
    private String channel() throws Exception {
        String channel = owner.post("/v1/agent/channels", "{\"name\":\"matrix\"}")
                .expect(201)
                .id();
        owner.post("/v1/agent/channels/" + channel + "/messages", message()).expect(201);
        return channel;
    }

    /** A channel of the owner agent with the spare agent taking part: the owner may remove it. */
    private String spareChannel() throws Exception {
        return owner.post(
                        "/v1/agent/channels",
                        "{\"name\":\"matrix\",\"participantIds\":[\"" + shared.get("spareAgent") + "\"]}")
                .expect(201)
                .id();
    }

    private String webhook() throws Exception {
        return owner.post("/v1/admin/webhooks", refused(AuthorizationMatrix.WEBHOOK))
                .expect(201)
                .id();
    }

    /** Until every resource reads as made, for the owner and for the humans who take part. */
    private void awaitTheViews() {
        String s = "/v1/agent/sessions/" + shared.get("session");
        forTheViews().untilAsserted(() -> {
            assertThat(owner.get(s + "/participants?pageSize=100").text())
                    .contains("\"gina\"", "\"pat\"", "\"victor\"");
            assertThat(owner.get(s + "/timeline?limit=100").text()).contains(shared.get("question"));
            assertThat(owner.get(s + "/attachments/" + shared.get("attachment")).status())
                    .isEqualTo(200);
            assertThat(owner.get(s + "/guest-tokens?pageSize=100").text()).contains(shared.get("guestToken"));
            for (String invocation : List.of(shared.get("invocation"), shared.get("pendingInvocation"))) {
                assertThat(owner.get("/v1/agent/invocations/" + invocation).status())
                        .isEqualTo(200);
            }
            for (String channel :
                    List.of(shared.get("channel"), shared.get("openChannel"), shared.get("spareChannel"))) {
                assertThat(owner.get("/v1/agent/channels/" + channel).status()).isEqualTo(200);
            }
            for (String webhook : List.of(shared.get("webhook"), shared.get("removableWebhook"))) {
                assertThat(owner.get("/v1/admin/webhooks/" + webhook).status()).isEqualTo(200);
            }
            assertThat(gateway.get("/v1/public/agents/" + shared.get("publicSlug"))
                            .status())
                    .isEqualTo(200);
            assertThat(owner.get("/v1/agent/users/" + shared.get("knownUser") + "/availability")
                            .status())
                    .isEqualTo(200);
            for (Credential human : List.of(Credential.MEMBER, Credential.VIEWER, Credential.GUEST)) {
                Answer timeline = caller(human).get("/v1/human/sessions/" + shared.get("session") + "/timeline");
                assertThat(timeline.status()).as("%s reads the timeline", human).isEqualTo(200);
            }
        });
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
