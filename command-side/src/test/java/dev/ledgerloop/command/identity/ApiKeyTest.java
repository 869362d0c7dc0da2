package dev.ledgerloop.command.identity;

import dev.ledgerloop.command.identity.ApiKeyCommand.IssueApiKey;
import dev.ledgerloop.command.identity.ApiKeyCommand.RevokeApiKey;
import dev.ledgerloop.events.apikey.ApiKeyIssued;
import dev.ledgerloop.events.apikey.ApiKeyRevoked;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ApiKey aggregate's rules, given past events, when a command, then events or an error. */
class ApiKeyTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final UUID KEY = UUID.randomUUID();
    private static final String HASH = "ab".repeat(32);
    private static final MetaData PROVISIONING = EventContext.system(SPACE, "provisioning-key:provisioning");

    private FixtureConfiguration<ApiKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
    }

    @Test
    void a_key_is_issued_with_its_hash_only() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKey(KEY, HASH, AGENT, "billing-bot", List.of("agent", "manage")), PROVISIONING)
                .expectEvents(new ApiKeyIssued(KEY, HASH, AGENT, "billing-bot", List.of("agent", "manage")));
    }

    @Test
    void an_issued_key_is_revoked() {
        fixture.given(issued()).when(new RevokeApiKey(KEY, AGENT), PROVISIONING).expectEvents(new ApiKeyRevoked(KEY));
    }

    @Test
    void revoking_twice_writes_no_second_event() {
        fixture.given(issued(), inSpace(new ApiKeyRevoked(KEY)))
                .when(new RevokeApiKey(KEY, AGENT), PROVISIONING)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void another_agents_key_does_not_exist_for_the_revocation() {
        fixture.given(issued())
                .when(new RevokeApiKey(KEY, UUID.randomUUID()), PROVISIONING)
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void another_spaces_key_does_not_exist_for_the_revocation() {
        fixture.given(issued())
                .when(new RevokeApiKey(KEY, AGENT), EventContext.system(UUID.randomUUID(), "provisioning-key:p"))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    private static Object issued() {
        return inSpace(new ApiKeyIssued(KEY, HASH, AGENT, "billing-bot", null));
    }

    private static Object inSpace(Object event) {
        return GenericEventMessage.asEventMessage(event).andMetaData(PROVISIONING);
    }
}
