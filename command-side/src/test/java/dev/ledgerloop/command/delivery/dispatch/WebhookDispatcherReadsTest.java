package dev.ledgerloop.command.delivery.dispatch;

import static dev.ledgerloop.events.fixtures.MasterKeys.randomMasterKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.command.delivery.DeliveryCommand.CreateDelivery;
import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.fixtures.InMemoryMongo;
import dev.ledgerloop.events.fixtures.InMemoryWrappedKeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dispatcher reads a space's routes once per batch of events and keeps the owners of sessions and invocations in
 * memory, yet every event goes to exactly the endpoints active when the log reaches it, naming its owner: however the
 * events fall into batches, and whichever instance or thread changed the routes or recorded the owner.
 */
class WebhookDispatcherReadsTest {
    private static final List<String> SESSION_EVENTS = List.of("session.*");

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private final Queue<CreateDelivery> asked = new ConcurrentLinkedQueue<>();
    private final SessionSeals seals =
            new SessionSeals(new Keyring(randomMasterKey(), new InMemoryWrappedKeyStore(), Clock.systemUTC(), 100));
    private final List<DispatcherInstance> instances = new ArrayList<>();
    private final SpaceEvents space = new SpaceEvents();
    private MongoDatabase database;

    @BeforeEach
    void database() {
        database = MONGO.freshDatabase();
    }

    @AfterEach
    void stop() {
        instances.forEach(DispatcherInstance::close);
    }

    @ParameterizedTest(name = "in batches of {0}")
    @ValueSource(ints = {1, 2, 3, 5, 100})
    void endpoints_created_changed_disabled_and_deleted_between_two_events_take_exactly_the_events_after_the_change(
            int batchSize) {
        UUID kept = UUID.randomUUID();
        UUID disabled = UUID.randomUUID();
        UUID retyped = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        UUID enabled = UUID.randomUUID();
        UUID created = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        EventMessage<?> opened = space.sessionOpened(session, agent);
        EventMessage<?> sent = space.messageSent(session);
        List<EventMessage<?>> log = List.of(
                space.endpointCreated(kept, SESSION_EVENTS, List.of(), true),
                space.endpointCreated(disabled, SESSION_EVENTS, List.of(), true),
                space.endpointCreated(retyped, List.of("session.closed"), List.of(), true),
                space.endpointCreated(deleted, SESSION_EVENTS, List.of(agent), true),
                space.endpointCreated(enabled, SESSION_EVENTS, List.of(), false),
                opened,
                space.endpointDisabled(disabled),
                space.endpointUpdated(retyped, SESSION_EVENTS),
                space.endpointDeleted(deleted),
                space.endpointEnabled(enabled),
                space.endpointCreated(created, SESSION_EVENTS, List.of(agent), true),
                sent);

        DispatcherInstance dispatcher = instance();
        for (int first = 0; first < log.size(); first += batchSize) {
            dispatcher.batch(log.subList(first, Math.min(first + batchSize, log.size())), handled -> {});
        }

        assertThat(delivered())
                .containsExactlyInAnyOrder(
                        new Delivered(opened, kept, agent),
                        new Delivered(opened, disabled, agent),
                        new Delivered(opened, deleted, agent),
                        new Delivered(sent, kept, agent),
                        new Delivered(sent, retyped, agent),
                        new Delivered(sent, enabled, agent),
                        new Delivered(sent, created, agent));
    }

    @Test
    void routes_changed_on_another_instance_between_two_batches_are_read_again_by_the_next_batch() {
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        EventMessage<?> opened = space.sessionOpened(session, agent);
        EventMessage<?> sent = space.messageSent(session);
        DispatcherInstance first = instance();
        DispatcherInstance second = instance();

        first.batch(space.endpointCreated(before, SESSION_EVENTS, List.of(), true), opened);
        // The processor's one segment moved to the second instance, and back.
        second.batch(space.endpointDisabled(before), space.endpointCreated(after, SESSION_EVENTS, List.of(), true));
        first.batch(sent);

        assertThat(delivered())
                .containsExactlyInAnyOrder(new Delivered(opened, before, agent), new Delivered(sent, after, agent));
    }

    @Test
    void a_parked_endpoint_change_retried_on_another_thread_during_a_batch_is_seen_by_the_rest_of_the_batch() {
        UUID webhook = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        EventMessage<?> opened = space.sessionOpened(session, agent);
        DispatcherInstance dispatcher = instance();
        dispatcher.batch(
                space.endpointCreated(webhook, SESSION_EVENTS, List.of(), true),
                space.unreadable(webhook),
                // Waits behind the unreadable event of its endpoint.
                space.endpointDisabled(webhook));
        assertThat(dispatcher.parkedEventIds()).hasSize(2);

        dispatcher.batch(List.of(opened, space.messageSent(session), space.messageSent(session)), handled -> {
            if (handled == opened) {
                CompletableFuture.runAsync(() -> dispatcher.evictAndRetryBehind(webhook))
                        .join();
            }
        });

        assertThat(dispatcher.parkedEventIds()).isEmpty();
        assertThat(delivered()).containsExactly(new Delivered(opened, webhook, agent));
    }

    @Test
    void a_space_s_routes_are_read_once_per_batch_and_again_after_a_change() {
        SpaceEvents other = new SpaceEvents();
        UUID webhook = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        DispatcherInstance dispatcher = instance();
        dispatcher.batch(
                space.endpointCreated(webhook, SESSION_EVENTS, List.of(), true),
                other.endpointCreated(UUID.randomUUID(), SESSION_EVENTS, List.of(), true));

        dispatcher.batch(
                space.sessionOpened(UUID.randomUUID(), agent),
                other.sessionOpened(UUID.randomUUID(), agent),
                space.sessionOpened(UUID.randomUUID(), agent),
                other.sessionOpened(UUID.randomUUID(), agent),
                space.sessionOpened(UUID.randomUUID(), agent));
        assertThat(dispatcher.routeReads()).isEqualTo(2);

        dispatcher.batch(
                space.sessionOpened(UUID.randomUUID(), agent),
                space.endpointUpdated(webhook, List.of("*")),
                space.sessionOpened(UUID.randomUUID(), agent),
                space.sessionOpened(UUID.randomUUID(), agent));
        assertThat(dispatcher.routeReads()).isEqualTo(4);

        dispatcher.batch(space.sessionOpened(UUID.randomUUID(), agent));
        assertThat(dispatcher.routeReads()).isEqualTo(5);
        assertThat(delivered()).hasSize(9);
    }

    @ParameterizedTest(name = "recorded by another instance: {0}")
    @ValueSource(booleans = {false, true})
    void an_owner_recorded_after_an_event_found_none_is_named_by_the_later_events(boolean byAnotherInstance) {
        UUID everyone = UUID.randomUUID();
        UUID agents = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        EventMessage<?> opened = space.sessionOpened(session, agent);
        EventMessage<?> sentBefore = space.messageSent(session);
        EventMessage<?> sentAfter = space.messageSent(session);
        DispatcherInstance dispatcher = instance();
        DispatcherInstance recorder = byAnotherInstance ? instance() : dispatcher;

        dispatcher.batch(
                space.endpointCreated(everyone, SESSION_EVENTS, List.of(), true),
                space.endpointCreated(agents, SESSION_EVENTS, List.of(agent), true),
                sentBefore);
        recorder.batch(opened);
        dispatcher.batch(sentAfter);

        assertThat(delivered())
                .containsExactlyInAnyOrder(
                        new Delivered(sentBefore, everyone, null),
                        new Delivered(opened, everyone, agent),
                        new Delivered(opened, agents, agent),
                        new Delivered(sentAfter, everyone, agent),
                        new Delivered(sentAfter, agents, agent));
    }

    @Test
    void the_owner_of_an_invocation_recorded_by_another_instance_is_read_from_its_record() {
        UUID webhook = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        UUID invocation = UUID.randomUUID();
        EventMessage<?> requested = space.invocationRequested(invocation, agent);
        EventMessage<?> expired = space.invocationExpired(invocation);

        instance().batch(space.endpointCreated(webhook, List.of("invocation.*"), List.of(agent), true), requested);
        instance().batch(expired);

        assertThat(delivered())
                .containsExactlyInAnyOrder(
                        new Delivered(requested, webhook, agent), new Delivered(expired, webhook, agent));
    }

    @Test
    void owners_are_answered_from_memory_until_a_reset_and_from_their_records_after_it() {
        UUID webhook = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID invocation = UUID.randomUUID();
        DispatcherInstance dispatcher = instance();
        dispatcher.batch(
                space.endpointCreated(webhook, List.of("*"), List.of(), true),
                space.sessionOpened(session, agent),
                space.invocationRequested(invocation, agent));
        Stream.of("webhook_session_agents", "webhook_invocation_agents")
                .forEach(records -> database.getCollection(records).deleteMany(new Document()));

        EventMessage<?> sent = space.messageSent(session);
        EventMessage<?> expired = space.invocationExpired(invocation);
        dispatcher.batch(sent, expired);
        dispatcher.reset();
        EventMessage<?> sentAfterReset = space.messageSent(session);
        dispatcher.batch(sentAfterReset);

        assertThat(delivered())
                .contains(
                        new Delivered(sent, webhook, agent),
                        new Delivered(expired, webhook, agent),
                        new Delivered(sentAfterReset, webhook, null));
    }

    private DispatcherInstance instance() {
        DispatcherInstance instance = new DispatcherInstance(database, seals, asked);
        instances.add(instance);
        return instance;
    }

    private List<Delivered> delivered() {
        return asked.stream()
                .map(delivery -> new Delivered(delivery.eventId(), delivery.webhookId(), delivery.agentId()))
                .toList();
    }

    /** Which event went to which endpoint, naming which agent. */
    private record Delivered(String eventId, UUID webhookId, UUID agentId) {
        Delivered(EventMessage<?> event, UUID webhookId, UUID agentId) {
            this(event.getIdentifier(), webhookId, agentId);
        }
    }
}
