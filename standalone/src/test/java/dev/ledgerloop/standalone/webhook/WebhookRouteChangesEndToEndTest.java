package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static dev.ledgerloop.standalone.webhook.WebhookReceiver.always;
import static dev.ledgerloop.standalone.webhook.Webhooks.deliveryId;
import static dev.ledgerloop.standalone.webhook.Webhooks.deliveryMade;
import static dev.ledgerloop.standalone.webhook.Webhooks.dispatcher;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoints disabled, given other event types and created between two events take exactly the events after the
 * change, whether the dispatcher meets the change and the events around it in one batch (it was stopped while they
 * happened and catches up) or the events before it in earlier batches (it keeps up). The dispatcher reads a space's
 * routes once per batch, and the owners of sessions from memory (docs/webhooks.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookRouteChangesEndToEndTest {
    private LedgerloopSystem system;
    private WebhookReceiver receiver;
    private String key;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        system = LedgerloopSystem.start(data, 0);
        key = system.secrets().bootstrapKeyOnce();
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stop() {
        receiver.close();
        system.close();
    }

    @Test
    void endpoint_changes_made_while_the_dispatcher_is_behind_take_exactly_the_events_after_them() throws Exception {
        Changes changes = new Changes("behind");
        StreamingEventProcessor dispatcher = dispatcher(system);
        dispatcher.shutDown();
        try {
            changes.makeThem(eventId -> {});
        } finally {
            dispatcher.start();
        }
        changes.checkWhatWasDelivered();
    }

    @Test
    void endpoint_changes_made_while_the_dispatcher_keeps_up_take_exactly_the_events_after_them() throws Exception {
        Changes changes = new Changes("live");
        changes.makeThem(changes::awaitDeliveredToTheUnchangedEndpoint);
        changes.checkWhatWasDelivered();
    }

    /** One agent's endpoints, the changes made to them and the agent's events around the changes. */
    private final class Changes {
        private final String name;
        private final Api agent;
        private final Map<String, String> paths = new LinkedHashMap<>();
        private final Map<String, Set<String>> expected = new LinkedHashMap<>();
        private final String agentId;
        private final String unchanged;
        private final String disabled;
        private final String retyped;
        private String created;

        Changes(String name) throws Exception {
            this.name = name;
            this.agent = Api.gateway(system).withKey(key, "route-changes-" + name);
            this.agentId = agent.agentId();
            this.unchanged = create("unchanged", "session.*");
            this.disabled = create("disabled", "session.*");
            this.retyped = create("retyped", "session.closed");
        }

        /** {@code settle} is given each event of the agent's as soon as it is in the log. */
        void makeThem(Consumer<String> settle) throws Exception {
            String first = agent.openSession();
            String firstOpened = eventOf(first, "SessionOpened");
            settle.accept(firstOpened);
            agent.patch("/v1/admin/webhooks/" + disabled, "{\"enabled\":false}").expect(200);
            agent.patch("/v1/admin/webhooks/" + retyped, "{\"eventTypes\":[\"session.*\"]}")
                    .expect(200);
            created = create("created", "session.*");
            String secondOpened = eventOf(agent.openSession(), "SessionOpened");
            settle.accept(secondOpened);
            agent.sendMessage(first, envelope());
            String sent = eventOf(first, "MessageSent");
            settle.accept(sent);

            expected.put(unchanged, new HashSet<>(Set.of(firstOpened, secondOpened, sent)));
            expected.put(disabled, new HashSet<>(Set.of(firstOpened)));
            expected.put(retyped, new HashSet<>(Set.of(secondOpened, sent)));
            expected.put(created, new HashSet<>(Set.of(secondOpened, sent)));
        }

        void awaitDeliveredToTheUnchangedEndpoint(String eventId) {
            patiently().until(() -> receiver.webhookIds(path(unchanged)).contains(deliveryId(eventId, unchanged)));
        }

        /**
         * Once a session opened last reaches the unchanged endpoint, the dispatcher, which works in log order, has
         * made every delivery it was going to make of the events before it.
         */
        void checkWhatWasDelivered() throws Exception {
            String fence = eventOf(agent.openSession(), "SessionOpened");
            awaitDeliveredToTheUnchangedEndpoint(fence);
            Set<String> events = expected.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
            for (String webhookId : paths.keySet()) {
                Set<String> delivered = expected.get(webhookId);
                for (String eventId : events) {
                    assertThat(deliveryMade(system, eventId, webhookId))
                            .as("the delivery of %s to %s", eventId, path(webhookId))
                            .isEqualTo(delivered.contains(eventId));
                }
            }
            expected.get(unchanged).add(fence);
            expected.get(retyped).add(fence);
            expected.get(created).add(fence);
            // A delivery to an endpoint disabled by the time it is sent is not sent: what the sender decides.
            patiently().untilAsserted(() -> {
                for (String webhookId : List.of(unchanged, retyped, created)) {
                    assertThat(new HashSet<>(receiver.webhookIds(path(webhookId))))
                            .as("what %s received", path(webhookId))
                            .isEqualTo(expected.get(webhookId).stream()
                                    .map(eventId -> deliveryId(eventId, webhookId))
                                    .collect(Collectors.toSet()));
                }
            });
        }

        private String create(String endpointName, String eventType) throws Exception {
            String path = "/" + name + "-" + endpointName;
            String body = "{\"url\":\"" + receiver.url(path, always(200)) + "\",\"eventTypes\":[\"" + eventType
                    + "\"],\"scope\":{\"agentIds\":[\"" + agentId + "\"]}}";
            String webhookId =
                    agent.post("/v1/admin/webhooks", body).expect(201).id();
            paths.put(webhookId, path);
            return webhookId;
        }

        private String path(String webhookId) {
            return paths.get(webhookId);
        }

        private String eventOf(String sessionId, String type) throws Exception {
            return EventLog.stream(system, "session-" + sessionId).stream()
                    .filter(event -> event.getEventType().equals(type))
                    .map(RecordedEvent::getEventId)
                    .map(Object::toString)
                    .reduce((only, another) -> {
                        throw new IllegalStateException("More than one " + type + " in " + sessionId);
                    })
                    .orElseThrow();
        }
    }
}
