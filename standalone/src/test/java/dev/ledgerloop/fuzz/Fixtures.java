package dev.ledgerloop.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the cases act on, made before the first case: the credentials of every kind, and in space A (the system's
 * bootstrap space) a session with a question, participants, guest tokens, an attachment, an invocation, webhooks and
 * a provisioned agent; in space B (made around the gateway with principals signed as the gateway signs them, and a
 * human token of that space) a session with a message and a guest token, whose ids space A must never reach.
 * Operations that destroy (close, archive, delete, revoke) act on objects of their own, so the others keep theirs.
 */
final class Fixtures {
    /** The agent names of X-Hiloop that cases send, registered before the first case. */
    static final List<String> AGENT_NAMES = List.of("fuzz-a", "fuzz-b");

    static final String COMMAND = "fuzz.cmd";
    /** Nothing listens there; the fixtures' webhooks are made disabled, so nothing is sent anyway. */
    static final String WEBHOOK_URL = "http://127.0.0.1:9/fuzz";

    private final Map<Credential, String> secrets = new EnumMap<>(Credential.class);
    /** Path parameter name → the id a well-formed request uses. */
    private final Map<String, String> ids = new HashMap<>();
    /** "METHOD template parameter" → an id of its own for an operation that destroys what it names. */
    private final Map<String, String> disposable = new HashMap<>();
    /** Path parameter name → space B's id of that kind. */
    private final Map<String, String> otherSpaceIds = new HashMap<>();

    private String guestToken;
    private String ownerAgentId;

    private Fixtures() {}

    static Fixtures create(LedgerloopSystem system, Http http) throws Exception {
        Fixtures fixtures = new Fixtures();
        fixtures.makeSpaceA(system, http);
        fixtures.makeSpaceB(system);
        return fixtures;
    }

    private void makeSpaceA(LedgerloopSystem system, Http http) throws Exception {
        secrets.put(Credential.OWNER_KEY, system.secrets().bootstrapKeyOnce());
        secrets.put(Credential.PROVISIONING_KEY, system.secrets().provisioningKeyOnce());
        secrets.put(Credential.HUMAN, system.mintHumanToken("alice"));
        List<Map.Entry<String, String>> owner = List.of(Map.entry("X-API-Key", secret(Credential.OWNER_KEY)));
        List<Map.Entry<String, String>> provisioning =
                List.of(Map.entry("X-API-Key", secret(Credential.PROVISIONING_KEY)));
        List<Map.Entry<String, String>> alice =
                List.of(Map.entry("Authorization", "Bearer " + secret(Credential.HUMAN)));

        JsonNode agent =
                expect(201, http.call("POST", "/v1/provision/agents", provisioning, "{\"name\":\"fuzz-agent\"}"));
        secrets.put(Credential.AGENT_KEY, agent.get("apiKey").asText());
        JsonNode revocable =
                expect(201, http.call("POST", "/v1/provision/agents", provisioning, "{\"name\":\"fuzz-revocable\"}"));
        ids.put("agentId", revocable.at("/agent/id").asText());
        ids.put("keyId", revocable.get("keyId").asText());
        for (String name : AGENT_NAMES) {
            List<Map.Entry<String, String>> named = List.of(owner.get(0), Map.entry("X-Hiloop", name));
            expect(200, http.call("GET", "/v1/agent/sessions", named, null));
        }
        expect(
                200,
                http.call(
                        "PUT",
                        "/v1/agent/commands",
                        owner,
                        "[{\"name\":\"" + COMMAND + "\",\"parameters\":{\"type\":\"object\"}}]"));

        JsonNode session = expect(201, http.call("POST", "/v1/agent/sessions", owner, "{\"maxGuests\":1000}"));
        String sessionId = session.get("id").asText();
        ownerAgentId = session.get("agentId").asText();
        ids.put("sessionId", sessionId);
        String s = "/v1/agent/sessions/" + sessionId;
        ids.put(
                "messageId",
                expect(201, http.call("POST", s + "/messages", owner, message(true)))
                        .get("id")
                        .asText());
        expect(201, http.call("POST", s + "/participants", owner, "{\"userId\":\"alice\",\"role\":\"member\"}"));
        expect(201, http.call("POST", s + "/participants", owner, "{\"userId\":\"bob\",\"role\":\"member\"}"));
        ids.put("userId", "bob");
        JsonNode token = expect(201, http.call("POST", s + "/guest-tokens", owner, "{\"maxUses\":10000}"));
        ids.put("tokenId", token.get("id").asText());
        guestToken = token.get("token").asText();
        secrets.put(Credential.GUEST_TOKEN, guestToken);
        ids.put(
                "attachmentId",
                expect(201, http.upload(s + "/attachments", owner)).get("id").asText());
        ids.put(
                "invocationId",
                expect(
                                201,
                                http.call(
                                        "POST",
                                        "/v1/human/invocations",
                                        alice,
                                        "{\"agentId\":\"" + ownerAgentId + "\",\"command\":\"" + COMMAND
                                                + "\",\"arguments\":{}}"))
                        .get("id")
                        .asText());
        ids.put("webhookId", webhook(http, owner));
        ids.put("deliveryId", UUID.randomUUID().toString());
        ids.put("id", UUID.randomUUID().toString());
        // One small view: rebuilding them all while the cases run would slow every read down.
        ids.put("name", "webhooks");

        String closable = expect(201, http.call("POST", "/v1/agent/sessions", owner, "{}"))
                .get("id")
                .asText();
        disposable.put("POST /v1/agent/sessions/{sessionId}/close sessionId", closable);
        disposable.put("POST /v1/agent/sessions/{sessionId}/archive sessionId", closable);
        disposable.put(
                "DELETE /v1/agent/sessions/{sessionId}/messages/{messageId} messageId",
                expect(201, http.call("POST", s + "/messages", owner, message(false)))
                        .get("id")
                        .asText());
        disposable.put(
                "DELETE /v1/agent/sessions/{sessionId}/guest-tokens/{tokenId} tokenId",
                expect(201, http.call("POST", s + "/guest-tokens", owner, "{}"))
                        .get("id")
                        .asText());
        disposable.put("DELETE /v1/admin/webhooks/{webhookId} webhookId", webhook(http, owner));
    }

    /** Space B, made at the backends with principals of that space, as the gateway would forward them. */
    private void makeSpaceB(LedgerloopSystem system) throws Exception {
        UUID spaceB = UUID.randomUUID();
        secrets.put(Credential.HUMAN_OTHER_SPACE, system.mintHumanToken("alice", spaceB));
        PrincipalHeaders signer = new PrincipalHeaders(
                Base64.getDecoder().decode(system.secrets().principalSecret()),
                Clock.systemUTC(),
                Duration.ofMinutes(5));
        Principal agentB = Principal.agent(spaceB, UUID.randomUUID(), "default", "key-b");
        Http commandSide = new Http(system.commandSideUri());
        String sessionB = signed(commandSide, signer, agentB, "POST", "/v1/agent/sessions", "{}")
                .get("id")
                .asText();
        String s = "/v1/agent/sessions/" + sessionB;
        otherSpaceIds.put("sessionId", sessionB);
        otherSpaceIds.put(
                "messageId",
                signed(commandSide, signer, agentB, "POST", s + "/messages", message(true))
                        .get("id")
                        .asText());
        otherSpaceIds.put(
                "tokenId",
                signed(commandSide, signer, agentB, "POST", s + "/guest-tokens", "{}")
                        .get("id")
                        .asText());
        otherSpaceIds.put("agentId", agentB.subjectId());
    }

    private static JsonNode signed(
            Http backend, PrincipalHeaders signer, Principal principal, String method, String path, String json)
            throws Exception {
        Http.Answer answer = backend.call(
                method, path, List.copyOf(signer.sign(principal, method, path).entrySet()), json);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + path + " in space B answered " + answer.status() + ": " + answer.text());
        }
        return Http.JSON.readTree(answer.body());
    }

    private static String webhook(Http http, List<Map.Entry<String, String>> owner) throws Exception {
        return expect(
                        201,
                        http.call(
                                "POST",
                                "/v1/admin/webhooks",
                                owner,
                                "{\"url\":\"" + WEBHOOK_URL + "\",\"eventTypes\":[\"session.*\"],\"enabled\":false}"))
                .get("id")
                .asText();
    }

    private static String message(boolean question) {
        return "{\"encryptedContent\":" + SchemaValues.envelope(new java.util.Random(1)) + ",\"responseRequired\":"
                + question + "}";
    }

    private static JsonNode expect(int status, Http.Answer answer) {
        if (answer.status() != status) {
            throw new IllegalStateException(
                    "Set-up answered " + answer.status() + " instead of " + status + ": " + answer.text());
        }
        return answer.json();
    }

    String secret(Credential credential) {
        return secrets.get(credential);
    }

    String guestToken() {
        return guestToken;
    }

    String ownerAgentId() {
        return ownerAgentId;
    }

    /** The id a well-formed request of this operation puts in this path parameter. */
    String idFor(ApiDescription.Operation operation, String parameter) {
        String own = disposable.get(operation + " " + parameter);
        if (own != null) {
            return own;
        }
        return ids.getOrDefault(parameter, UUID.randomUUID().toString());
    }

    /** Space B's id for this path parameter, or null when space B has none of that kind. */
    String otherSpaceId(String parameter) {
        return otherSpaceIds.get(parameter);
    }

    Set<String> spaceAIds() {
        Set<String> all = new java.util.HashSet<>(ids.values());
        all.addAll(disposable.values());
        all.removeIf(id -> id.length() != 36);
        all.add(ownerAgentId);
        return all;
    }

    Set<String> spaceBIds() {
        return Set.copyOf(otherSpaceIds.values());
    }

    /** The header lines of a credential of this kind; garbage and guest tokens come in several forms. */
    List<Map.Entry<String, String>> headersOf(Credential credential, java.util.Random random) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        switch (credential) {
            case OWNER_KEY, AGENT_KEY, PROVISIONING_KEY -> headers.add(Map.entry("X-API-Key", secret(credential)));
            case HUMAN, HUMAN_OTHER_SPACE -> headers.add(Map.entry("Authorization", "Bearer " + secret(credential)));
            case GUEST_TOKEN ->
                headers.add(
                        random.nextBoolean()
                                ? Map.entry("X-API-Key", guestToken)
                                : Map.entry("Authorization", "Bearer " + guestToken));
            case GARBAGE -> headers.add(garbage(random));
            case NONE -> {}
        }
        return headers;
    }

    private static Map.Entry<String, String> garbage(java.util.Random random) {
        String unsigned = base64Url("{\"alg\":\"none\"}") + "."
                + base64Url("{\"sub\":\"alice\",\"exp\":"
                        + Instant.now().plusSeconds(3600).getEpochSecond() + "}") + ".";
        List<Map.Entry<String, String>> forms = List.of(
                Map.entry("X-API-Key", "hlp_" + "0".repeat(64)),
                Map.entry("X-API-Key", "hlp_prov_" + "f".repeat(64)),
                Map.entry("X-API-Key", "garbage"),
                Map.entry("X-API-Key", ""),
                Map.entry("Authorization", "Bearer garbage"),
                Map.entry("Authorization", "Bearer a.b.c"),
                Map.entry("Authorization", "Bearer " + unsigned),
                Map.entry("Authorization", "Bearer"),
                Map.entry("Authorization", "Basic YWxpY2U6cGFzc3dvcmQ="),
                Map.entry("Authorization", "bearer " + "x".repeat(5000)));
        return forms.get(random.nextInt(forms.size()));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
