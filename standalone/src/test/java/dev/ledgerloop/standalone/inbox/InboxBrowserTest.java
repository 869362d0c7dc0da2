package dev.ledgerloop.standalone.inbox;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web inbox in a real browser against the whole system: its WebCrypto against the contract's cryptography as
 * the agent side has it (here Bouncy Castle, {@link ContractCrypto}), and a human answering an approval and a form
 * that the agent then decrypts. Screenshots go to {@code standalone/target/inbox-screenshots/}.
 */
class InboxBrowserTest {
    @TempDir
    static Path data;

    @TempDir
    static Path profiles;

    private static LedgerloopSystem system;
    private static Api agent;
    private static KeyEndpointsStandIn keys;
    private static final ContractCrypto.KeyPair AGENT_KEY = ContractCrypto.KeyPair.generate();

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        agent = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
        keys = new KeyEndpointsStandIn(system.gatewayPort());
        keys.agentKey(agent.agentId(), AGENT_KEY);
    }

    @AfterAll
    static void stop() {
        if (keys != null) {
            keys.close();
        }
        system.close();
    }

    @Test
    void the_browsers_envelopes_and_decision_bytes_are_the_contracts() throws Exception {
        ContractCrypto.KeyPair recipient = ContractCrypto.KeyPair.generate();
        ContractCrypto.Fixed fixed = new ContractCrypto.Fixed(
                Envelopes.randomBytes(32),
                Envelopes.randomBytes(12),
                List.of(new ContractCrypto.FixedWrapping(Envelopes.randomBytes(32), Envelopes.randomBytes(12))));
        byte[] plaintext = "{\"text\":\"Deploy **v2**? ✓\"}".getBytes(StandardCharsets.UTF_8);
        ObjectNode expected = ContractCrypto.seal(
                plaintext, List.of(new ContractCrypto.Recipient(recipient.kid(), recipient.publicKey())), fixed);
        byte[] ephemeralPublic = ContractCrypto.KeyPair.of(
                        fixed.wrappings().get(0).ephemeralPrivate())
                .publicKey();

        try (Browser browser = Browser.start(profiles)) {
            browser.driver.get(keys.url("/inbox/"));
            Map<String, Object> input = Map.of(
                    "recipientPrivate", b64(recipient.privateKey()),
                    "recipientPublic", b64(recipient.publicKey()),
                    "contentKey", b64(fixed.contentKey()),
                    "nonce", b64(fixed.nonce()),
                    "ephemeralPrivate", b64(fixed.wrappings().get(0).ephemeralPrivate()),
                    "ephemeralPublic", b64(ephemeralPublic),
                    "wrapNonce", b64(fixed.wrappings().get(0).wrapNonce()),
                    "plaintext", b64(plaintext),
                    "envelope", expected.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) browser.withCryptoModule(
                    """
                    const b = crypto.fromBase64;
                    const publicRaw = b(input.recipientPublic);
                    const kid = await crypto.keyId(publicRaw);
                    const mine = { kid, publicRaw, privateKey: await crypto.importX25519Private(b(input.recipientPrivate)) };
                    const opened = crypto.toBase64(await crypto.open(JSON.parse(input.envelope), mine));
                    const sealed = await crypto.seal(b(input.plaintext), [{ kid, publicKey: publicRaw }], {
                      contentKey: b(input.contentKey), nonce: b(input.nonce),
                      wrappings: [{ ephemeralPrivate: await crypto.importX25519Private(b(input.ephemeralPrivate)),
                                    ephemeralPublic: b(input.ephemeralPublic), wrapNonce: b(input.wrapNonce) }] });
                    return { kid, opened, sealed: JSON.stringify(sealed) };
                    """,
                    input);

            assertThat(result.get("kid")).isEqualTo(recipient.kid());
            assertThat(result.get("opened")).isEqualTo(b64(plaintext));
            assertThat(Json.read((String) result.get("sealed"))).isEqualTo(expected);

            String randomSeal = (String) browser.withCryptoModule(
                    "return JSON.stringify(await crypto.sealJson({ action: 'approve' }, [{ kid: input.kid,"
                            + " publicKey: crypto.fromBase64(input.publicKey) }]));",
                    Map.of("kid", AGENT_KEY.kid(), "publicKey", b64(AGENT_KEY.publicKey())));
            assertThat(Json.read(
                            new String(ContractCrypto.open(Json.read(randomSeal), AGENT_KEY), StandardCharsets.UTF_8)))
                    .isEqualTo(Json.read("{\"action\":\"approve\"}"));

            JsonNode content = ContractCrypto.sealJson(Json.read("{\"text\":\"x\"}"), List.of(recipient()));
            JsonNode response = ContractCrypto.sealJson(Json.read("{\"action\":\"reject\"}"), List.of(recipient()));
            byte[] expectedBytes = ContractCrypto.decisionBytes("s-1", "m-1", content, null, response, "reject");
            Object bytes = browser.withCryptoModule(
                    "return crypto.toBase64(await crypto.decisionBytes({ sessionId: 's-1', messageId: 'm-1',"
                            + " encryptedContent: JSON.parse(input.content), encryptedComponents: null,"
                            + " encryptedResponse: JSON.parse(input.response), decision: 'reject' }));",
                    Map.of("content", content.toString(), "response", response.toString()));
            assertThat(Base64.getDecoder().decode((String) bytes)).isEqualTo(expectedBytes);
        }
    }

    @Test
    void a_tampered_envelope_fails_to_open_as_cannot_decrypt_and_nothing_else() throws Exception {
        ContractCrypto.KeyPair recipient = ContractCrypto.KeyPair.generate();
        ObjectNode envelope = ContractCrypto.sealJson(
                Json.read("{\"text\":\"secret\"}"),
                List.of(new ContractCrypto.Recipient(recipient.kid(), recipient.publicKey())));
        try (Browser browser = Browser.start(profiles)) {
            browser.driver.get(keys.url("/inbox/"));
            for (JsonNode tampered : List.of(tamperedCiphertext(envelope), tamperedWrapping(envelope))) {
                Object answer = browser.withCryptoModule(
                        """
                        const mine = { kid: input.kid, publicRaw: crypto.fromBase64(input.publicKey),
                                       privateKey: await crypto.importX25519Private(crypto.fromBase64(input.privateKey)) };
                        try { await crypto.open(JSON.parse(input.envelope), mine); return 'opened'; }
                        catch (e) { return (e instanceof crypto.CannotDecrypt) + ' ' + e.message; }
                        """,
                        Map.of(
                                "kid", recipient.kid(),
                                "publicKey", b64(recipient.publicKey()),
                                "privateKey", b64(recipient.privateKey()),
                                "envelope", tampered.toString()));
                assertThat(answer).isEqualTo("true cannot decrypt");
            }
        }
    }

    @Test
    void a_human_answers_an_approval_and_a_form_and_the_agent_decrypts_the_same_answers() throws Exception {
        String session = agent.openSession();
        String sessionPath = "/v1/agent/sessions/" + session;
        agent.post(sessionPath + "/participants", "{\"userId\":\"alice\",\"role\":\"member\"}")
                .expect(201);

        agent.upload(sessionPath + "/attachments", "release-notes.bin", Envelopes.randomBytes(321))
                .expect(201);

        try (Browser browser = Browser.start(profiles)) {
            browser.driver.get(keys.url("/inbox/#token=" + system.mintHumanToken("alice")));
            forTheViews().ignoreExceptions().untilAsserted(() -> assertThat(
                            browser.driver.findElement(By.id("user-id")).getText())
                    .isEqualTo("alice"));
            assertThat(browser.driver.getCurrentUrl()).doesNotContain("token=");
            forTheViews().until(() -> keys.humanKey("alice") != null);
            JsonNode alice = keys.humanKey("alice");
            List<ContractCrypto.Recipient> recipients = List.of(
                    new ContractCrypto.Recipient(
                            alice.get("kid").asText(),
                            Base64.getDecoder().decode(alice.get("publicKey").asText())),
                    recipient());

            JsonNode approval = send(
                    sessionPath,
                    recipients,
                    "High",
                    "{\"text\":\"**Deploy** release 2.4 to production?\"}",
                    """
                    [{"type":"header","data":{"title":"Production deploy"}},
                     {"type":"kv","data":{"entries":[{"key":"Service","value":"billing"},{"key":"Version","value":"2.4.0"}]}},
                     {"type":"diff","data":{"filePath":"deploy.yml","hunks":[{"header":"@@ -1,2 +1,2 @@","lines":[
                       {"type":"context","content":"replicas: 3"},{"type":"remove","content":"image: billing:2.3.9"},
                       {"type":"add","content":"image: billing:2.4.0"}]}]}},
                     {"type":"progress","data":{"value":80,"label":"Canary healthy"}},
                     {"type":"sparkline","data":{"points":[1,2,3]}},
                     {"type":"approve_reject","data":{"approveLabel":"Deploy","rejectLabel":"Hold"}}]
                    """);
            JsonNode form = send(
                    sessionPath,
                    recipients,
                    "Medium",
                    "{\"text\":\"A few details for the change request, please.\"}",
                    """
                    [{"type":"card","data":{},"children":[{"type":"markdown","data":{"content":"Fill in *all* fields marked <b>required</b>."}}]},
                     {"type":"form","data":{"submitLabel":"Send details","fields":[
                       {"name":"reason","label":"Reason","type":"text","required":true},
                       {"name":"hours","label":"Downtime (hours)","type":"number"},
                       {"name":"window","label":"Window","type":"select","required":true,
                        "options":[{"label":"Tonight","value":"tonight"},{"label":"Weekend","value":"weekend"}]},
                       {"name":"notify","label":"Notify customers","type":"checkbox"}]}}]
                    """);
            JsonNode tampered = agent.post(
                            sessionPath + "/messages",
                            "{\"responseRequired\":true,\"priority\":\"Low\",\"encryptedContent\":"
                                    + tamperedCiphertext(
                                            ContractCrypto.sealJson(Json.read("{\"text\":\"tampered\"}"), recipients))
                                    + "}")
                    .expect(201)
                    .body();

            forTheViews().ignoreExceptions().untilAsserted(() -> assertThat(
                            browser.driver.findElements(By.cssSelector("#feed .feed-item")))
                    .hasSize(3));
            List<WebElement> feed = browser.driver.findElements(By.cssSelector("#feed .feed-item"));
            assertThat(feed.get(0).getText()).contains("High", "left", "Deploy release 2.4 to production?");
            assertThat(feed.get(2).getAttribute("data-message-id")).isEqualTo(id(tampered));
            assertThat(feed.get(2).getText()).contains("cannot decrypt").doesNotContain("tampered");
            browser.screenshot("1-feed");

            feed.get(0).findElement(By.cssSelector("a.open")).click();
            WebElement deploy = forTheViews()
                    .ignoreExceptions()
                    .until(
                            () -> browser.driver.findElement(
                                    By.cssSelector(message(approval) + " button[data-action='approve']")),
                            button -> button.isDisplayed());
            assertThat(browser.driver
                            .findElement(By.cssSelector(message(approval)))
                            .getText())
                    .contains("Production deploy", "billing", "image: billing:2.4.0", "Canary healthy 80%")
                    .contains("sparkline");
            assertThat(browser.driver.findElement(By.cssSelector(message(form))).getText())
                    .contains("Fill in all fields marked <b>required</b>.");
            assertThat(browser.driver
                            .findElement(By.cssSelector(message(tampered)))
                            .getText())
                    .contains("cannot decrypt");
            assertThat(browser.driver.findElements(By.cssSelector(message(tampered) + " button")))
                    .as("nothing to answer on a message that could not be read")
                    .isEmpty();
            assertThat(browser.driver.findElement(By.id("attachments")).getText())
                    .contains("release-notes.bin (321 bytes)");
            browser.screenshot("2-session");

            deploy.click();
            JsonNode approved = answerOf(sessionPath, approval);
            assertThat(Json.read(new String(
                            ContractCrypto.open(approved.get("encryptedResponse"), AGENT_KEY), StandardCharsets.UTF_8)))
                    .isEqualTo(Json.read("{\"action\":\"approve\"}"));
            assertSignedByAlice(session, approval, approved.get("encryptedResponse"), "approve");

            // The form by keyboard: the required fields first block the submit, then it goes.
            WebElement reason = browser.driver.findElement(By.cssSelector(message(form) + " [name='reason']"));
            WebElement submit = browser.driver.findElement(By.cssSelector(message(form) + " button[type='submit']"));
            submit.sendKeys(Keys.ENTER);
            assertThat(keys.answerTo(id(form))).isNull();
            reason.sendKeys("Security fix <script>alert(1)</script>");
            browser.driver
                    .findElement(By.cssSelector(message(form) + " [name='hours']"))
                    .sendKeys("1.5");
            new Select(browser.driver.findElement(By.cssSelector(message(form) + " [name='window']")))
                    .selectByValue("weekend");
            browser.driver
                    .findElement(By.cssSelector(message(form) + " [name='notify']"))
                    .sendKeys(Keys.SPACE);
            submit.sendKeys(Keys.ENTER);
            JsonNode submitted = answerOf(sessionPath, form);
            assertThat(Json.read(new String(
                            ContractCrypto.open(submitted.get("encryptedResponse"), AGENT_KEY),
                            StandardCharsets.UTF_8)))
                    .isEqualTo(Json.read("{\"action\":\"submit\",\"values\":{\"reason\":\"Security fix"
                            + " <script>alert(1)</script>\",\"hours\":1.5,\"window\":\"weekend\",\"notify\":true}}"));
            assertSignedByAlice(session, form, submitted.get("encryptedResponse"), "submit");

            forTheViews().ignoreExceptions().untilAsserted(() -> assertThat(browser.driver
                            .findElement(By.cssSelector(message(approval) + " .answered"))
                            .getText())
                    .contains("Answered by you: approve"));
            forTheViews().ignoreExceptions().untilAsserted(() -> assertThat(browser.driver
                            .findElement(By.cssSelector(message(form) + " .answer-given"))
                            .getText())
                    .contains("Answered by you: submit", "weekend", "Security fix <script>alert(1)</script>"));
            assertThat(browser.driver
                            .findElement(By.cssSelector(message(approval) + " button[data-action='approve']"))
                            .isEnabled())
                    .isFalse();
            browser.screenshot("3-answered");
        }
    }

    @Test
    void a_guest_link_asks_a_name_joins_and_a_used_up_link_says_so() throws Exception {
        String session = agent.openSession();
        JsonNode token = agent.post("/v1/agent/sessions/" + session + "/guest-tokens", "{\"maxUses\":1}")
                .expect(201)
                .body();
        String publicUrl = token.get("publicUrl").asText();
        assertThat(publicUrl).contains("/inbox/#guest=");
        String fragment = publicUrl.substring(publicUrl.indexOf('#'));

        try (Browser browser = Browser.start(profiles)) {
            browser.driver.get(keys.url("/inbox/" + fragment));
            WebElement name = forTheViews()
                    .ignoreExceptions()
                    .until(() -> browser.driver.findElement(By.id("guest-name")), WebElement::isDisplayed);
            browser.screenshot("4-guest-entry");
            name.sendKeys("Grace", Keys.ENTER);
            forTheViews().ignoreExceptions().untilAsserted(() -> assertThat(
                            browser.driver.findElement(By.id("user-id")).getText())
                    .startsWith("guest-"));
            assertThat(browser.driver.getCurrentUrl()).doesNotContain("hlg_");
            String guest = browser.driver.findElement(By.id("user-id")).getText();
            forTheViews().until(() -> keys.humanKey(guest) != null);
            JsonNode guestKey = keys.humanKey(guest);
            JsonNode question = send(
                    "/v1/agent/sessions/" + session,
                    List.of(
                            new ContractCrypto.Recipient(
                                    guestKey.get("kid").asText(),
                                    Base64.getDecoder()
                                            .decode(guestKey.get("publicKey").asText())),
                            recipient()),
                    "Urgent",
                    "{\"text\":\"Is the invoice address correct?\"}",
                    "[{\"type\":\"button_group\",\"data\":{\"buttons\":[{\"label\":\"Yes\",\"action\":\"yes\"},"
                            + "{\"label\":\"No\",\"action\":\"no\",\"variant\":\"danger\"}]}}]");
            WebElement yes = forTheViews()
                    .ignoreExceptions()
                    .until(
                            () -> browser.driver.findElement(
                                    By.cssSelector(message(question) + " button[data-action='yes']")),
                            WebElement::isDisplayed);
            assertThat(browser.driver.findElement(By.id("timeline")).getText()).contains("joined as guest");
            browser.screenshot("5-guest-session");
            yes.click();
            JsonNode answered = answerOf("/v1/agent/sessions/" + session, question);
            assertThat(answered.get("userId").asText()).isEqualTo(guest);
            assertThat(Json.read(new String(
                            ContractCrypto.open(answered.get("encryptedResponse"), AGENT_KEY), StandardCharsets.UTF_8)))
                    .isEqualTo(Json.read("{\"action\":\"yes\"}"));
        }
        try (Browser browser = Browser.start(profiles)) {
            browser.driver.get(keys.url("/inbox/" + fragment));
            forTheViews().ignoreExceptions().untilAsserted(() -> assertThat(
                            browser.driver.findElement(By.id("link-unusable")).getText())
                    .containsIgnoringCase("used up"));
            browser.screenshot("6-guest-link-used-up");
        }
    }

    private static JsonNode send(
            String sessionPath,
            List<ContractCrypto.Recipient> recipients,
            String priority,
            String content,
            String components)
            throws Exception {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("responseRequired", true)
                .put("priority", priority)
                .put("deadlineAt", Instant.now().plus(3, ChronoUnit.HOURS).toString());
        body.set("encryptedContent", ContractCrypto.sealJson(Json.read(content), recipients));
        body.set("encryptedComponents", ContractCrypto.sealJson(Json.read(components), recipients));
        return agent.post(sessionPath + "/messages", body.toString())
                .expect(201)
                .body();
    }

    /** The agent's view of the answer to a message, once its timeline has it. */
    private static JsonNode answerOf(String sessionPath, JsonNode message) {
        return forTheViews()
                .ignoreExceptions()
                .until(
                        () -> {
                            for (JsonNode item : agent.get(sessionPath + "/timeline?limit=100")
                                    .body()
                                    .get("data")) {
                                if (item.get("kind").asText().equals("response")
                                        && item.get("messageId").asText().equals(id(message))) {
                                    return item;
                                }
                            }
                            return null;
                        },
                        item -> item != null);
    }

    private static void assertSignedByAlice(
            String session, JsonNode message, JsonNode encryptedResponse, String decision) {
        JsonNode signature = keys.answerTo(id(message)).get("signature");
        assertThat(signature.get("alg").asText()).isEqualTo("Ed25519");
        assertThat(signature.get("decision").asText()).isEqualTo(decision);
        byte[] signed = ContractCrypto.decisionBytes(
                session,
                id(message),
                message.get("encryptedContent"),
                message.get("encryptedComponents"),
                encryptedResponse,
                decision);
        byte[] signingKey = Base64.getDecoder()
                .decode(keys.humanKey("alice").get("signingPublicKey").asText());
        assertThat(ContractCrypto.verifiesEd25519(
                        signingKey,
                        signed,
                        Base64.getDecoder().decode(signature.get("value").asText())))
                .as("alice's signature over the decision")
                .isTrue();
    }

    private static ContractCrypto.Recipient recipient() {
        return new ContractCrypto.Recipient(AGENT_KEY.kid(), AGENT_KEY.publicKey());
    }

    private static String message(JsonNode message) {
        return "li.message[data-message-id='" + id(message) + "']";
    }

    private static String id(JsonNode node) {
        return node.get("id").asText();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** One bit of the ciphertext flipped: the tag no longer verifies. */
    private static JsonNode tamperedCiphertext(JsonNode envelope) {
        byte[] ciphertext =
                Base64.getDecoder().decode(envelope.get("ciphertext").asText());
        ciphertext[ciphertext.length - 20] ^= 1;
        return ((ObjectNode) envelope.deepCopy()).put("ciphertext", b64(ciphertext));
    }

    /** The wrapped key of every wrapping altered: the content key cannot be unwrapped. */
    private static JsonNode tamperedWrapping(JsonNode envelope) {
        ObjectNode copy = envelope.deepCopy();
        copy.get("wrappings").forEach(wrapping -> {
            byte[] wrapped =
                    Base64.getDecoder().decode(wrapping.get("wrappedKey").asText());
            wrapped[13] ^= 1;
            ((ObjectNode) wrapping).put("wrappedKey", b64(wrapped));
        });
        return copy;
    }
}
