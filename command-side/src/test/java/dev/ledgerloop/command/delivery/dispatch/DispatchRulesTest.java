package dev.ledgerloop.command.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DispatchRulesTest {
    private static final UUID WEBHOOK = UUID.randomUUID();

    @Test
    void delivery_ids_are_derived_from_the_event_and_the_endpoint() {
        assertThat(WebhookDispatcher.deliveryId("event-1", WEBHOOK))
                .isEqualTo(WebhookDispatcher.deliveryId("event-1", WEBHOOK))
                .isNotEqualTo(WebhookDispatcher.deliveryId("event-2", WEBHOOK));
    }

    @Test
    void wildcards_match_event_types_by_prefix() {
        assertThat(EventTypePatterns.matches("session.*", "session.message.new"))
                .isTrue();
        assertThat(EventTypePatterns.matches("session.message.*", "session.closed"))
                .isFalse();
        assertThat(EventTypePatterns.matches("*", "invocation.requested")).isTrue();
        assertThat(EventTypePatterns.matches("session.closed", "session.closed"))
                .isTrue();
    }
}
