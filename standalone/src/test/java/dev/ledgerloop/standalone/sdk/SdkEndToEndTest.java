package dev.ledgerloop.standalone.sdk;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.sdk.Attachment;
import dev.ledgerloop.sdk.Command;
import dev.ledgerloop.sdk.EventStream;
import dev.ledgerloop.sdk.GuestToken;
import dev.ledgerloop.sdk.Invocation;
import dev.ledgerloop.sdk.LedgerloopClient;
import dev.ledgerloop.sdk.LedgerloopException;
import dev.ledgerloop.sdk.Message;
import dev.ledgerloop.sdk.NewMessage;
import dev.ledgerloop.sdk.NewSession;
import dev.ledgerloop.sdk.Priority;
import dev.ledgerloop.sdk.Response;
import dev.ledgerloop.sdk.Session;
import dev.ledgerloop.sdk.StreamEvent;
import dev.ledgerloop.sdk.Timeline;
import dev.ledgerloop.sdk.components.Component;
import dev.ledgerloop.sdk.components.Components;
import dev.ledgerloop.sdk.components.FormField;
import dev.ledgerloop.sdk.crypto.Envelope;
import dev.ledgerloop.sdk.webhooks.WebhookSignatures;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.webhook.WebhookReceiver;
import dev.ledgerloop.standalone.webhook.Webhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java SDK against the real system over HTTP: an agent asks through {@link LedgerloopClient}, a human reads and
 * answers through the human API with keys of her own, and the SDK hands back the decrypted answer.
 *
 * <p>Keys go through the API: the human registers hers as the inbox does, the client registers the agent's (derived
 * from its API key) and seals for the recipients the server lists.
 */
class SdkEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static String bootstrapKey;
    private static Human alice;
    private static LedgerloopClient agent;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        bootstrapKey = system.secrets().bootstrapKeyOnce();
        alice = new Human("alice", Api.gateway(system).withToken(system.mintHumanToken("alice"))).registerKeys();
        agent = LedgerloopClient.builder()
                .baseUrl("http://localhost:" + system.gatewayPort())
                .apiKey(bootstrapKey)
                .agentName("sdk-agent")
                .build();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void an_agent_asks_with_components_and_awaits_the_humans_decrypted_answer() throws Exception {
        Session session = agent.createSession("Deploy v2.3");
        forTheViews().untilAsserted(() -> assertThat(agent.session(session.id()).title())
                .isEqualTo("Deploy v2.3"));
        agent.addParticipant(session.id(), alice.userId, "member");
        keyListed(session.id(), alice);
        List<Component> components = List.of(
                Components.header("Deploy v2.3"),
                Components.kv(Map.entry("Service", "billing"), Map.entry("Region", "eu-west-1")),
                Components.form(
                        "Schedule",
                        FormField.text("window", "Window").required(),
                        FormField.number("replicas", "Replicas"),
                        FormField.checkbox("notify", "Notify")),
                Components.approveReject());

        Message question = agent.send(
                session.id(),
                NewMessage.text("Deploy **v2.3** to production?")
                        .components(components.toArray(Component[]::new))
                        .askingForResponse()
                        .priority(Priority.HIGH));

        assertThat(question.text()).isEqualTo("Deploy **v2.3** to production?");
        assertThat(question.components()).isEqualTo(Component.toJson(components));
        forTheViews().untilAsserted(() -> {
            JsonNode seen = alice.message(session.id(), question.id());
            assertThat(alice.open(seen.get("encryptedContent")))
                    .isEqualTo(JSON.readTree("{\"text\":\"Deploy **v2.3** to production?\"}"));
            assertThat(alice.open(seen.get("encryptedComponents"))).isEqualTo(Component.toJson(components));
        });
        assertThat(agent.awaitResponse(session.id(), question.id(), Duration.ofMillis(300)))
                .isEmpty();

        String answer = "{\"action\":\"submit\",\"values\":{\"window\":\"tonight\",\"replicas\":3,\"notify\":true}}";
        alice.respond(session.id(), question.id(), answer, agent.agentKey().publicKey())
                .expect(201);

        Response response = agent.awaitResponse(session.id(), question.id(), Duration.ofSeconds(30))
                .orElseThrow();
        assertThat(response.action()).isEqualTo("submit");
        assertThat(response.values()).isEqualTo(JSON.readTree(answer).get("values"));
        assertThat(response.userId()).isEqualTo("alice");
        assertThat(response.messageId()).isEqualTo(question.id());
        assertThat(response.isSigned()).isFalse();

        Timeline timeline = agent.timeline(session.id(), 100, null);
        assertThat(timeline.items())
                .filteredOn(item -> item instanceof Response)
                .singleElement()
                .satisfies(item -> assertThat(((Response) item).values()).isEqualTo(response.values()));
        assertThat(timeline.items())
                .filteredOn(item -> item.id().equals(question.id()))
                .singleElement()
                .satisfies(item -> assertThat(((Message) item).text()).isEqualTo("Deploy **v2.3** to production?"));
    }

    @Test
    void an_answer_is_handed_out_until_it_is_acknowledged_and_then_no_more() throws Exception {
        Session session = agent.createSession("Restart the cache?");
        agent.addParticipant(session.id(), alice.userId, null);
        Message question = agent.send(
                session.id(),
                NewMessage.text("Restart?")
                        .components(Components.approveReject())
                        .askingForResponse());
        forTheViews().untilAsserted(() -> alice.message(session.id(), question.id()));
        alice.respond(
                        session.id(),
                        question.id(),
                        "{\"action\":\"approve\"}",
                        agent.agentKey().publicKey())
                .expect(201);

        Response first =
                agent.awaitResponse(session.id(), null, Duration.ofSeconds(30)).orElseThrow();
        Response again =
                agent.awaitResponse(session.id(), null, Duration.ofSeconds(30)).orElseThrow();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.action()).isEqualTo("approve");

        agent.acknowledge(session.id());

        patiently().untilAsserted(() -> assertThat(agent.awaitResponse(session.id(), null, Duration.ofMillis(200)))
                .isEmpty());
        assertThat(agent.awaitResponse(session.id(), question.id(), Duration.ofSeconds(5)))
                .map(Response::id)
                .contains(first.id());
    }

    @Test
    void a_later_answered_question_does_not_hide_the_answer_awaited_by_message() throws Exception {
        Session session = agent.createSession();
        agent.addParticipant(session.id(), alice.userId, null);
        Message first = agent.send(session.id(), NewMessage.text("First?").askingForResponse());
        Message second = agent.send(session.id(), NewMessage.text("Second?").askingForResponse());
        forTheViews().untilAsserted(() -> alice.message(session.id(), second.id()));
        alice.respond(
                        session.id(),
                        first.id(),
                        "{\"action\":\"one\"}",
                        agent.agentKey().publicKey())
                .expect(201);
        alice.respond(
                        session.id(),
                        second.id(),
                        "{\"action\":\"two\"}",
                        agent.agentKey().publicKey())
                .expect(201);

        forTheViews()
                .untilAsserted(() -> assertThat(agent.awaitResponse(session.id(), first.id(), Duration.ofSeconds(5)))
                        .map(Response::action)
                        .contains("one"));
    }

    @Test
    void a_signed_decision_is_verified_by_the_server_and_again_by_the_sdk() throws Exception {
        Session session =
                agent.createSession(NewSession.titled("Pay invoice 2026-117").requiringSignedAnswers());
        agent.addParticipant(session.id(), alice.userId, null);
        keyListed(session.id(), alice);
        Message question = agent.send(
                session.id(),
                NewMessage.text("Pay 1 200 €?")
                        .components(Components.approveReject())
                        .askingForResponse());
        forTheViews().untilAsserted(() -> alice.message(session.id(), question.id()));
        assertThat(alice.respond(
                                session.id(),
                                question.id(),
                                "{\"action\":\"approve\"}",
                                agent.agentKey().publicKey())
                        .status())
                .as("this session requires signed answers")
                .isEqualTo(400);

        alice.respondSigned(
                        session.id(),
                        question.id(),
                        "{\"action\":\"approve\"}",
                        agent.agentKey().publicKey(),
                        "approve")
                .expect(201);

        Response response = agent.awaitResponse(session.id(), question.id(), Duration.ofSeconds(30))
                .orElseThrow();
        assertThat(response.action()).isEqualTo("approve");
        assertThat(response.isSigned()).isTrue();
        assertThat(response.signature().keyId()).isEqualTo(alice.signingKey.keyId());
        assertThat(response.signature().decision()).isEqualTo("approve");
        assertThat(agent.timeline(session.id(), 100, null).items())
                .filteredOn(item -> item instanceof Response)
                .singleElement()
                .satisfies(item -> assertThat(((Response) item).isSigned()).isTrue());
    }

    @Test
    void the_client_registers_the_agents_derived_key_and_seals_for_every_listed_recipient() throws Exception {
        Session session = agent.createSession("Keys");
        agent.addParticipant(session.id(), alice.userId, null);
        agent.addParticipant(session.id(), "no-key-yet", "viewer");
        forTheViews().untilAsserted(() -> assertThat(agent.recipients(session.id()))
                .extracting(recipient -> recipient.id() + ":" + recipient.kid())
                .contains(
                        session.agentId() + ":" + agent.agentKey().kid(),
                        "alice:" + alice.key.kid(),
                        "no-key-yet:null"));

        Message sent = agent.send(session.id(), NewMessage.text("for everyone with a key"));

        assertThat(sent.readable()).isTrue();
        assertThat(Envelope.fromJson(sent.encryptedContent()).wrappings())
                .extracting(Envelope.Wrapping::kid)
                .containsExactlyInAnyOrder(agent.agentKey().kid(), alice.key.kid());
    }

    @Test
    void the_live_stream_hands_out_decryptable_events_and_resumes_after_the_last_one_handled() throws Exception {
        List<StreamEvent> seen = new CopyOnWriteArrayList<>();
        EventStream stream = agent.stream(null, seen::add);
        try {
            // Without an id the stream starts at the end of the log: make events until it shows one.
            forTheViews().until(() -> {
                agent.createSession();
                return !seen.isEmpty();
            });
            Session session = agent.createSession("Streamed");
            agent.addParticipant(session.id(), alice.userId, null);
            keyListed(session.id(), alice);
            Message question = agent.send(
                    session.id(),
                    NewMessage.text("Streamed?")
                            .components(Components.approveReject())
                            .askingForResponse());
            forTheViews().untilAsserted(() -> alice.message(session.id(), question.id()));
            alice.respond(
                            session.id(),
                            question.id(),
                            "{\"action\":\"reject\"}",
                            agent.agentKey().publicKey())
                    .expect(201);

            forTheViews().untilAsserted(() -> assertThat(ofSession(seen, session.id()))
                    .extracting(StreamEvent::type)
                    .contains("session.message.new", "session.message.responded"));
            StreamEvent sent = ofSession(seen, session.id()).stream()
                    .filter(event -> event.type().equals("session.message.new"))
                    .findFirst()
                    .orElseThrow();
            assertThat(agent.decodeMessage(sent.data().get("message")).text()).isEqualTo("Streamed?");
            StreamEvent answered = ofSession(seen, session.id()).stream()
                    .filter(event -> event.type().equals("session.message.responded"))
                    .findFirst()
                    .orElseThrow();
            assertThat(agent.decodeResponse(
                                    session.id(),
                                    answered.data().get("messageId").asText(),
                                    answered.data().get("response"))
                            .action())
                    .isEqualTo("reject");
        } finally {
            stream.close();
        }
        String lastSeen = stream.lastEventId();
        List<String> idsBefore = seen.stream().map(StreamEvent::id).toList();
        Session later = agent.createSession("After the stream closed");

        List<StreamEvent> resumed = new CopyOnWriteArrayList<>();
        try (EventStream again = agent.stream(lastSeen, resumed::add)) {
            forTheViews().untilAsserted(() -> assertThat(ofSession(resumed, later.id()))
                    .extracting(StreamEvent::type)
                    .contains("session.created"));
        }
        assertThat(resumed).extracting(StreamEvent::id).doesNotContainAnyElementsOf(idsBefore);
    }

    private static List<StreamEvent> ofSession(List<StreamEvent> events, String sessionId) {
        return events.stream()
                .filter(event -> sessionId.equals(event.data().path("sessionId").asText()))
                .toList();
    }

    @Test
    void errors_are_one_typed_exception_with_status_code_and_message() {
        assertThatThrownBy(() -> agent.session(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(LedgerloopException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("NOT_FOUND");
                    assertThat(e.isTransient()).isFalse();
                });
        Session closed = agent.closeSession(agent.createSession("x").id());
        assertThat(closed.status()).isEqualTo("Closed");
        assertThatThrownBy(() -> agent.send(closed.id(), NewMessage.text("too late")))
                .isInstanceOfSatisfying(
                        LedgerloopException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));
        LedgerloopClient stranger = LedgerloopClient.builder()
                .baseUrl("http://localhost:" + system.gatewayPort())
                .apiKey("hlp_" + "0".repeat(64))
                .recipientKeys(sessionId -> List.of())
                .build();
        assertThatThrownBy(() -> stranger.sessions(null, 1, 10))
                .isInstanceOfSatisfying(
                        LedgerloopException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void participants_guest_tokens_and_attachments() {
        Session session = agent.createSession("Files");
        agent.addParticipant(session.id(), "bob", "viewer");
        assertThat(agent.changeRole(session.id(), "bob", "member").role()).isEqualTo("member");
        forTheViews().untilAsserted(() -> assertThat(
                        agent.participants(session.id(), 1, 10).data())
                .extracting(participant -> participant.userId())
                .containsExactly("bob"));
        agent.removeParticipant(session.id(), "bob");

        GuestToken token = agent.createGuestToken(session.id(), 2, null);
        assertThat(token.token()).startsWith("hlg_");
        assertThat(token.toString()).doesNotContain(token.token());
        forTheViews().untilAsserted(() -> assertThat(
                        agent.guestTokens(session.id(), 1, 10).data())
                .extracting(GuestToken::id)
                .containsExactly(token.id()));
        agent.revokeGuestToken(session.id(), token.id());

        byte[] bytes = "sealed bytes".getBytes(StandardCharsets.UTF_8);
        Attachment attachment = agent.uploadAttachment(session.id(), "report.bin", null, bytes);
        assertThat(attachment.size()).isEqualTo(bytes.length);
        forTheViews().untilAsserted(() -> assertThat(
                        agent.attachments(session.id(), 1, 10).data())
                .extracting(Attachment::id)
                .containsExactly(attachment.id()));
        forTheViews().untilAsserted(() -> assertThat(agent.downloadAttachment(session.id(), attachment.id()))
                .isEqualTo(bytes));
    }

    @Test
    void commands_and_invocations_with_an_encrypted_result() throws Exception {
        agent.registerCommands(List.of(new Command(
                "deploy",
                "Deploys a service",
                JSON.readTree("{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"}}}"))));
        forTheViews()
                .untilAsserted(() ->
                        assertThat(agent.commands()).extracting(Command::name).containsExactly("deploy"));
        Session session = agent.createSession("Ops");
        agent.addParticipant(session.id(), alice.userId, null);
        String agentId = session.agentId();
        String invocationId = alice.api
                .post(
                        "/v1/human/invocations",
                        "{\"agentId\":\"" + agentId
                                + "\",\"command\":\"deploy\",\"arguments\":{\"service\":\"billing\"},"
                                + "\"sessionId\":\"" + session.id() + "\"}")
                .expect(201)
                .id();

        forTheViews().untilAsserted(() -> assertThat(
                        agent.invocations("Pending", 1, 10).data())
                .extracting(Invocation::id)
                .contains(invocationId));
        assertThat(agent.invocation(invocationId).arguments()).isEqualTo(JSON.readTree("{\"service\":\"billing\"}"));
        Invocation done = agent.completeInvocation(invocationId, JSON.readTree("{\"ok\":true}"));

        assertThat(done.status()).isEqualTo("Completed");
        assertThat(done.result()).isEqualTo(JSON.readTree("{\"ok\":true}"));
        forTheViews()
                .untilAsserted(() ->
                        assertThat(agent.invocation(invocationId).status()).isEqualTo("Completed"));
    }

    @Test
    void webhook_deliveries_verify_with_the_sdks_checks_and_a_changed_body_does_not() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String url = receiver.url("/sdk", WebhookReceiver.always(200));
            Api owner = Api.gateway(system).withKey(bootstrapKey);
            String secret = owner.post("/v1/admin/webhooks", Webhooks.endpoint(url, null, null))
                    .expect(201)
                    .body()
                    .get("secret")
                    .asText();

            agent.createSession("Webhook");

            patiently()
                    .untilAsserted(() -> assertThat(receiver.received("/sdk")).isNotEmpty());
            WebhookReceiver.Received delivery = receiver.received("/sdk").get(0);
            byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
            assertThatCode(() -> WebhookSignatures.verifyStandardWebhooks(
                            secret,
                            delivery.header("webhook-id"),
                            delivery.header("webhook-timestamp"),
                            delivery.header("webhook-signature"),
                            body))
                    .doesNotThrowAnyException();
            assertThatCode(() -> WebhookSignatures.verifyHiloopSignature(
                            secret, delivery.header("x-hiloop-signature"), body))
                    .doesNotThrowAnyException();
            byte[] changed = delivery.body().replace("session", "sessiom").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> WebhookSignatures.verifyHiloopSignature(
                            secret, delivery.header("x-hiloop-signature"), changed))
                    .isInstanceOf(LedgerloopException.class);
            assertThatThrownBy(() -> WebhookSignatures.verifyStandardWebhooks(
                            secret,
                            delivery.header("webhook-id"),
                            delivery.header("webhook-timestamp"),
                            delivery.header("webhook-signature"),
                            changed))
                    .isInstanceOf(LedgerloopException.class);
        }
    }

    /** Content is sealed for the keys listed when it is sent: waits until the views list the human's. */
    private static void keyListed(String sessionId, Human human) {
        forTheViews().untilAsserted(() -> assertThat(agent.recipients(sessionId))
                .filteredOn(recipient -> human.userId.equals(recipient.id()))
                .singleElement()
                .satisfies(recipient -> assertThat(recipient.kid()).isEqualTo(human.key.kid())));
    }
}
