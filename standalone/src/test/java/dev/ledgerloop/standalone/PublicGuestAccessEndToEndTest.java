package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest without an account follows a session's public link: looks at the session with the guest token, joins under a
 * display name, and then reads and answers as any human with the access token the join hands out, black-box through
 * the gateway of the standalone system.
 */
class PublicGuestAccessEndToEndTest {
    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api agent;
    private static Api anonymous;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        agent = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
        anonymous = Api.gateway(system);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void a_guest_follows_the_public_link_joins_under_a_name_and_answers() throws Exception {
        String session = agent.openSession();
        Link link = Link.of(agent.post("/v1/agent/sessions/" + session + "/guest-tokens", "{\"maxUses\":1}")
                .body());
        assertThat(link.session).isEqualTo(session);

        forTheViews().untilAsserted(() -> {
            Answer preview = anonymous.withHeader("X-Guest-Token", link.token).get(link.sessionPath());
            assertThat(preview.status()).isEqualTo(200);
            assertThat(preview.body().get("sessionId").asText()).isEqualTo(session);
            assertThat(preview.body().get("status").asText()).isEqualTo("Active");
            assertThat(preview.body().at("/guestToken/usesLeft").asInt()).isEqualTo(1);
        });

        Answer joined = anonymous.post(link.sessionPath() + "/join", joinBody(link.token, "  Gina from Legal "));
        assertThat(joined.status()).isEqualTo(201);
        JsonNode access = joined.body();
        String guestId = access.get("userId").asText();
        assertThat(guestId).startsWith("guest-");
        assertThat(access.get("role").asText()).isEqualTo("guest");
        assertThat(access.get("name").asText()).isEqualTo("Gina from Legal");
        assertThat(access.get("accessToken").asText()).startsWith("hlga_");
        Api guest = Api.gateway(system).withToken(access.get("accessToken").asText());

        String asked = agent.post(
                        "/v1/agent/sessions/" + session + "/messages",
                        "{\"encryptedContent\":" + Envelopes.envelope() + ",\"responseRequired\":true}")
                .body()
                .get("id")
                .asText();
        forTheViews().untilAsserted(() -> {
            assertThat(guest.get("/v1/human/me").body().get("userId").asText()).isEqualTo(guestId);
            assertThat(guest.get("/v1/human/sessions/" + session + "/timeline").status())
                    .isEqualTo(200);
            assertThat(guest.get("/v1/human/feed").body().toString()).contains(asked);
        });
        Answer answered = guest.post(
                "/v1/human/sessions/" + session + "/messages/" + asked + "/respond",
                "{\"encryptedResponse\":" + Envelopes.envelope() + "}");
        assertThat(answered.status()).isEqualTo(201);
        assertThat(answered.body().get("userId").asText()).isEqualTo(guestId);

        forTheViews().untilAsserted(() -> assertThat(agent.get("/v1/agent/sessions/" + session + "/participants")
                        .body()
                        .get("data"))
                .anySatisfy(participant -> {
                    assertThat(participant.get("userId").asText()).isEqualTo(guestId);
                    assertThat(participant.get("name").asText()).isEqualTo("Gina from Legal");
                    assertThat(participant.get("role").asText()).isEqualTo("guest");
                }));
    }

    @Test
    void a_used_up_unknown_or_revoked_link_is_refused_clearly_and_a_guest_reaches_nothing_else() throws Exception {
        String session = agent.openSession();
        String other = agent.openSession();
        Link link = Link.of(agent.post("/v1/agent/sessions/" + session + "/guest-tokens", "{\"maxUses\":1}")
                .body());
        Answer first = anonymous.post(link.sessionPath() + "/join", joinBody(link.token, "Gina"));
        assertThat(first.status()).isEqualTo(201);
        Api guest =
                Api.gateway(system).withToken(first.body().get("accessToken").asText());

        Answer usedUp = anonymous.post(link.sessionPath() + "/join", joinBody(link.token, "Hugo"));
        assertThat(usedUp.status()).isEqualTo(409);
        assertThat(usedUp.body().at("/error/message").asText()).contains("used up");
        forTheViews().untilAsserted(() -> {
            Answer preview = anonymous.withHeader("X-Guest-Token", link.token).get(link.sessionPath());
            assertThat(preview.status()).isEqualTo(409);
            assertThat(preview.body().at("/error/message").asText()).contains("used up");
        });

        assertThat(anonymous
                        .withHeader("X-Guest-Token", "hlg_nope")
                        .get(link.sessionPath())
                        .status())
                .isEqualTo(404);
        assertThat(anonymous.get(link.sessionPath()).status()).isEqualTo(400);
        assertThat(anonymous
                        .post(link.sessionPath() + "/join", joinBody("hlg_nope", "Ivy"))
                        .status())
                .isEqualTo(404);
        assertThat(anonymous
                        .post(link.sessionPath() + "/join", "{\"token\":\"" + link.token + "\"}")
                        .status())
                .isEqualTo(400);
        assertThat(anonymous
                        .post(link.sessionPath() + "/join", joinBody(link.token, "   "))
                        .status())
                .isEqualTo(400);
        assertThat(anonymous
                        .post(link.sessionPath() + "/join", joinBody(link.token, "a\\u0000b"))
                        .status())
                .isEqualTo(400);
        String otherSpace = "/v1/public/spaces/" + java.util.UUID.randomUUID() + "/sessions/" + session;
        assertThat(anonymous
                        .withHeader("X-Guest-Token", link.token)
                        .get(otherSpace)
                        .status())
                .isEqualTo(404);
        assertThat(anonymous
                        .get("/v1/public/spaces/not-a-uuid/sessions/" + session)
                        .status())
                .isEqualTo(404);

        assertThat(guest.get("/v1/human/sessions/" + other + "/timeline").status())
                .isEqualTo(404);
        assertThat(guest.get("/v1/agent/sessions").status()).isEqualTo(401);
        String forged = first.body().get("accessToken").asText();
        forged = forged.substring(0, forged.length() - 2) + (forged.endsWith("AA") ? "BB" : "AA");
        assertThat(Api.gateway(system).withToken(forged).get("/v1/human/me").status())
                .isEqualTo(401);

        JsonNode second = agent.post("/v1/agent/sessions/" + other + "/guest-tokens", "{}")
                .body();
        Link revokedLink = Link.of(second);
        assertThat(agent.delete("/v1/agent/sessions/" + other + "/guest-tokens/"
                                + second.get("id").asText())
                        .status())
                .isEqualTo(204);
        Answer revoked = anonymous.post(revokedLink.sessionPath() + "/join", joinBody(revokedLink.token, "Ivy"));
        assertThat(revoked.status()).isEqualTo(409);
        assertThat(revoked.body().at("/error/message").asText()).contains("revoked");
    }

    @Test
    void an_account_token_cannot_pass_for_a_guest() throws Exception {
        String token = system.mintHumanToken("guest-" + java.util.UUID.randomUUID());
        assertThat(Api.gateway(system).withToken(token).get("/v1/human/me").status())
                .isEqualTo(401);
    }

    private static String joinBody(String token, String name) {
        return "{\"token\":\"" + token + "\",\"name\":\"" + name + "\"}";
    }

    /** The parts of a guest token's public link: {@code .../inbox/#guest=<token>&session=<id>&space=<id>}. */
    private record Link(String token, String session, String space) {
        static Link of(JsonNode created) {
            String fragment = URI.create(created.get("publicUrl").asText()).getFragment();
            Map<String, String> parts = new HashMap<>();
            for (String part : fragment.split("&")) {
                int equals = part.indexOf('=');
                parts.put(part.substring(0, equals), part.substring(equals + 1));
            }
            assertThat(parts.get("guest")).isEqualTo(created.get("token").asText());
            return new Link(parts.get("guest"), parts.get("session"), parts.get("space"));
        }

        String sessionPath() {
            return "/v1/public/spaces/" + space + "/sessions/" + session;
        }
    }
}
