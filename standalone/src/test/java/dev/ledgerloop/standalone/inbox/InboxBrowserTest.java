package dev.ledgerloop.standalone.inbox;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.sdk.crypto.DecisionStatement;
import dev.ledgerloop.sdk.crypto.Envelope;
import dev.ledgerloop.sdk.crypto.EnvelopeCipher;
import dev.ledgerloop.sdk.crypto.EnvelopeRecipient;
import dev.ledgerloop.sdk.crypto.X25519KeyPair;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web inbox in a real browser against the whole system, the agent side on the SDK's cryptography: a human
 * registers keys, reads the feed and a session, answers an approval and a form that the agent then decrypts and whose
 * signatures it checks; a tampered message shows "cannot decrypt"; a guest joins by link. Screenshots go to {@code
 * standalone/target/inbox-screenshots/}. The browser's cryptography meets the shared vectors in {@link
 * InboxTestVectorsBrowserTest}.
 */
class InboxBrowserTest {
    @TempDir
    static Path data;

    @TempDir
    static Path profiles;

    private static LedgerloopSystem system;
    private static Api agent;
    private static final X25519KeyPair AGENT_KEY = X25519KeyPair.generate(Envelopes::randomBytes);

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        agent = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
        agent.put("/v1/agent/public-key", "{\"publicKey\":\"" + b64(AGENT_KEY.publicKey()) + "\"}")
                .expect(200);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static String inbox(String fragment) {
        return Api.gateway(system).url("/inbox/" + fragment);
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
            String aliceToken = system.mintHumanToken("alice");
            browser.driver.get(inbox("#token=" + aliceToken));
            forTheViews().ignoreExceptions().untilAsserted(() -> assertThat(
                            browser.driver.findElement(By.id("user-id")).getText())
                    .isEqualTo("alice"));
            assertThat(browser.driver.getCurrentUrl()).doesNotContain("token=");
            List<EnvelopeRecipient> recipients = List.of(registeredKey(session, "alice"), agentRecipient());

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
                                    + tamperedCiphertext(EnvelopeCipher.secure()
                                            .seal("{\"text\":\"tampered\"}", recipients)
                                            .toJson())
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
            // A signal reaches only the streams already open: sent again until the page shows it.
            forTheViews().ignoreExceptions().untilAsserted(() -> {
                agent.post(sessionPath + "/typing", "{\"typing\":true}").expect(202);
                assertThat(browser.driver.findElement(By.id("typing")).getText())
                        .isEqualTo("The agent is typing…");
            });

            deploy.click();
            JsonNode approved = answerOf(sessionPath, approval);
            assertThat(Json.read(opened(approved))).isEqualTo(Json.read("{\"action\":\"approve\"}"));
            assertSignedByAlice(aliceToken, session, approval, approved, "approve");

            // The form by keyboard: the required fields first block the submit, then it goes.
            WebElement reason = browser.driver.findElement(By.cssSelector(message(form) + " [name='reason']"));
            WebElement submit = browser.driver.findElement(By.cssSelector(message(form) + " button[type='submit']"));
            submit.sendKeys(Keys.ENTER);
            assertThat(responseTo(sessionPath, form)).isNull();
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
            assertThat(Json.read(opened(submitted)))
                    .isEqualTo(Json.read("{\"action\":\"submit\",\"values\":{\"reason\":\"Security fix"
                            + " <script>alert(1)</script>\",\"hours\":1.5,\"window\":\"weekend\",\"notify\":true}}"));
            assertSignedByAlice(aliceToken, session, form, submitted, "submit");

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
            browser.driver.get(inbox(fragment));
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
            JsonNode question = send(
                    "/v1/agent/sessions/" + session,
                    List.of(registeredKey(session, guest), agentRecipient()),
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
            assertThat(Json.read(opened(answered))).isEqualTo(Json.read("{\"action\":\"yes\"}"));
        }
        try (Browser browser = Browser.start(profiles)) {
            browser.driver.get(inbox(fragment));
            forTheViews().ignoreExceptions().untilAsserted(() -> assertThat(
                            browser.driver.findElement(By.id("link-unusable")).getText())
                    .containsIgnoringCase("used up"));
            browser.screenshot("6-guest-link-used-up");
        }
    }

    private static JsonNode send(
            String sessionPath, List<EnvelopeRecipient> recipients, String priority, String content, String components)
            throws Exception {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("responseRequired", true)
                .put("priority", priority)
                .put("deadlineAt", Instant.now().plus(3, ChronoUnit.HOURS).toString());
        body.set(
                "encryptedContent",
                EnvelopeCipher.secure().seal(content, recipients).toJson());
        body.set(
                "encryptedComponents",
                EnvelopeCipher.secure().seal(components, recipients).toJson());
        return agent.post(sessionPath + "/messages", body.toString())
                .expect(201)
                .body();
    }

    /**
     * The answer to a message as the agent's {@code await} long-poll hands it out; the agent then acknowledges it, as an
     * agent does, so that the next {@code await} hands out the next answer.
     */
    private static JsonNode answerOf(String sessionPath, JsonNode message) throws Exception {
        JsonNode answer = forTheViews()
                .ignoreExceptions()
                .until(
                        () -> {
                            Answer waited = agent.get(sessionPath + "/await?timeoutMs=5000");
                            return waited.status() == 200
                                            && waited.body()
                                                    .get("messageId")
                                                    .asText()
                                                    .equals(id(message))
                                    ? waited.body()
                                    : null;
                        },
                        item -> item != null);
        agent.post(sessionPath + "/acknowledge", "").expect(200);
        return answer;
    }

    private static JsonNode responseTo(String sessionPath, JsonNode message) throws Exception {
        for (JsonNode item :
                agent.get(sessionPath + "/timeline?limit=100").body().get("data")) {
            if (item.get("kind").asText().equals("response")
                    && item.get("messageId").asText().equals(id(message))) {
                return item;
            }
        }
        return null;
    }

    /** The answer as the agent decrypts it with the SDK. */
    private static String opened(JsonNode response) {
        return EnvelopeCipher.openText(Envelope.fromJson(response.get("encryptedResponse")), AGENT_KEY);
    }

    /** A participant's key as the session's recipients list it, once the inbox has registered it. */
    private static EnvelopeRecipient registeredKey(String session, String userId) {
        JsonNode key = forTheViews()
                .ignoreExceptions()
                .until(
                        () -> {
                            for (JsonNode item : agent.get("/v1/agent/sessions/" + session + "/recipients")
                                    .expect(200)
                                    .body()
                                    .get("items")) {
                                if (item.get("id").asText().equals(userId) && item.hasNonNull("kid")) {
                                    return item;
                                }
                            }
                            return null;
                        },
                        item -> item != null);
        return new EnvelopeRecipient(
                key.get("kid").asText(),
                Base64.getDecoder().decode(key.get("publicKey").asText()));
    }

    /**
     * The server verified the answer's signature before storing it; here it is checked again, independently, with the
     * SDK over the message as the agent sent it and against the signing key alice registered.
     */
    private static void assertSignedByAlice(
            String aliceToken, String session, JsonNode message, JsonNode response, String decision) throws Exception {
        JsonNode signature = response.get("signature");
        assertThat(signature.get("alg").asText()).isEqualTo("Ed25519");
        assertThat(signature.get("decision").asText()).isEqualTo(decision);
        String registered = Api.gateway(system)
                .withToken(aliceToken)
                .get("/v1/human/public-key")
                .expect(200)
                .body()
                .get("signingPublicKey")
                .asText();
        assertThat(signature.get("publicKey").asText()).isEqualTo(registered);
        DecisionStatement statement = DecisionStatement.of(
                session,
                id(message),
                message.get("encryptedContent"),
                message.get("encryptedComponents"),
                response.get("encryptedResponse"),
                decision);
        assertThat(statement.verify(
                        Base64.getDecoder().decode(registered),
                        signature.get("value").asText()))
                .as("alice's signature over the decision")
                .isTrue();
    }

    private static EnvelopeRecipient agentRecipient() {
        return new EnvelopeRecipient(AGENT_KEY.kid(), AGENT_KEY.publicKey());
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
}
