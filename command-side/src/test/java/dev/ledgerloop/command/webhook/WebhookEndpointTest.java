package dev.ledgerloop.command.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.command.webhook.WebhookEndpointCommand.CreateWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DeleteWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DescribeWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.DisableWebhookEndpoint;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.RotateWebhookSecret;
import dev.ledgerloop.command.webhook.WebhookEndpointCommand.UpdateWebhookEndpoint;
import dev.ledgerloop.events.webhook.WebhookEndpointCreated;
import dev.ledgerloop.events.webhook.WebhookEndpointDeleted;
import dev.ledgerloop.events.webhook.WebhookEndpointDisabled;
import dev.ledgerloop.events.webhook.WebhookEndpointEnabled;
import dev.ledgerloop.events.webhook.WebhookEndpointUpdated;
import dev.ledgerloop.events.webhook.WebhookSecretRotated;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.SpaceOwners;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebhookEndpoint aggregate's rules, given past events, when a command, then events or an error. */
class WebhookEndpointTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID WEBHOOK = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final MetaData AS_THE_OWNER =
            EventContext.of(Principal.agent(SPACE, AGENT, "default", SpaceOwners.BOOTSTRAP_KEY_ID));
    private static final MetaData IN_ANOTHER_SPACE =
            EventContext.of(Principal.agent(UUID.randomUUID(), AGENT, "default", SpaceOwners.BOOTSTRAP_KEY_ID));
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String URL = "https://example.com/hooks";

    private FixtureConfiguration<WebhookEndpoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WebhookEndpoint.class);
    }

    @Test
    void an_owner_creates_an_endpoint_and_sees_its_secret_once() {
        fixture.givenNoPriorActivity()
                .when(
                        new CreateWebhookEndpoint(
                                WEBHOOK, URL, List.of("session.*"), List.of(AGENT), true, SECRET, "token-1"),
                        AS_THE_OWNER)
                .expectEvents(new WebhookEndpointCreated(
                        WEBHOOK, URL, List.of("session.*"), List.of(AGENT), true, SECRET, "token-1"))
                .expectResultMessagePayloadMatching(matching(
                        endpoint -> WebhookResource.created(endpoint).secret().equals(SECRET)
                                && endpoint.enabled()
                                && endpoint.agentIds().equals(List.of(AGENT))));
    }

    @Test
    void an_update_changes_only_what_it_names() {
        fixture.given(created())
                .when(new UpdateWebhookEndpoint(WEBHOOK, null, List.of("session.closed"), null, null), AS_THE_OWNER)
                .expectEvents(new WebhookEndpointUpdated(WEBHOOK, URL, List.of("session.closed"), List.of()))
                .expectResultMessagePayloadMatching(
                        matching(endpoint -> WebhookResource.of(endpoint).secret() == null
                                && endpoint.url().equals(URL)
                                && endpoint.eventTypes().equals(List.of("session.closed"))));
    }

    @Test
    void disabling_and_enabling_are_recorded_with_a_reason() {
        fixture.given(created())
                .when(new UpdateWebhookEndpoint(WEBHOOK, null, null, null, false), AS_THE_OWNER)
                .expectEvents(new WebhookEndpointDisabled(WEBHOOK, WebhookEndpoint.DISABLED_BY_ADMIN))
                .expectResultMessagePayloadMatching(matching(endpoint ->
                        !endpoint.enabled() && WebhookEndpoint.DISABLED_BY_ADMIN.equals(endpoint.disabledReason())));
        fixture.given(created(), new WebhookEndpointDisabled(WEBHOOK, "gone"))
                .when(new UpdateWebhookEndpoint(WEBHOOK, null, null, null, true), AS_THE_OWNER)
                .expectEvents(new WebhookEndpointEnabled(WEBHOOK));
    }

    @Test
    void the_system_disables_an_endpoint_once() {
        fixture.given(created())
                .when(new DisableWebhookEndpoint(WEBHOOK, "410 Gone"), AS_THE_OWNER)
                .expectEvents(new WebhookEndpointDisabled(WEBHOOK, "410 Gone"));
        fixture.given(created(), new WebhookEndpointDisabled(WEBHOOK, "410 Gone"))
                .when(new DisableWebhookEndpoint(WEBHOOK, "410 Gone"), AS_THE_OWNER)
                .expectNoEvents();
    }

    @Test
    void after_a_rotation_both_secrets_sign_until_the_overlap_ends() {
        Instant until = Instant.parse("2026-03-26T10:00:00Z");
        fixture.given(created())
                .when(new RotateWebhookSecret(WEBHOOK, "whsec_bmV3", until), AS_THE_OWNER)
                .expectEvents(new WebhookSecretRotated(WEBHOOK, "whsec_bmV3", until))
                .expectResultMessagePayload("whsec_bmV3");
        fixture.given(created(), new WebhookSecretRotated(WEBHOOK, "whsec_bmV3", until))
                .when(new DescribeWebhookEndpoint(WEBHOOK, until.minusSeconds(1)))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(
                        targetMatching(target -> target.secrets().equals(List.of("whsec_bmV3", SECRET))
                                && target.authToken().equals("token-1")));
        fixture.given(created(), new WebhookSecretRotated(WEBHOOK, "whsec_bmV3", until))
                .when(new DescribeWebhookEndpoint(WEBHOOK, until))
                .expectResultMessagePayloadMatching(
                        targetMatching(target -> target.secrets().equals(List.of("whsec_bmV3"))));
    }

    @Test
    void a_deleted_endpoint_is_not_found() {
        fixture.given(created())
                .when(new DeleteWebhookEndpoint(WEBHOOK), AS_THE_OWNER)
                .expectEvents(new WebhookEndpointDeleted(WEBHOOK));
        fixture.given(created(), new WebhookEndpointDeleted(WEBHOOK))
                .when(new UpdateWebhookEndpoint(WEBHOOK, null, null, null, false), AS_THE_OWNER)
                .expectException(WebhookNotFoundException.class);
    }

    @Test
    void another_space_does_not_see_the_endpoint() {
        fixture.given(created())
                .when(new RotateWebhookSecret(WEBHOOK, "whsec_bmV3", Instant.now()), IN_ANOTHER_SPACE)
                .expectException(WebhookNotFoundException.class);
    }

    private static Object created() {
        return GenericEventMessage.asEventMessage(new WebhookEndpointCreated(
                        WEBHOOK, URL, List.of("session.*"), List.of(), true, SECRET, "token-1"))
                .andMetaData(AS_THE_OWNER);
    }

    private static Matcher<WebhookEndpointState> matching(java.util.function.Predicate<WebhookEndpointState> test) {
        return org.axonframework.test.matchers.Matchers.predicate(test);
    }

    private static Matcher<WebhookTarget> targetMatching(java.util.function.Predicate<WebhookTarget> test) {
        return org.axonframework.test.matchers.Matchers.predicate(test);
    }

    @Test
    void generated_secrets_are_whsec_and_32_random_bytes() {
        String secret = WebhookSecrets.generate();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSecrets.generate()).isNotEqualTo(secret);
    }
}
