package dev.ledgerloop.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ledgerloop.events.EventCodec;
import dev.ledgerloop.events.EventMetadata;
import dev.ledgerloop.events.Upcasters;
import dev.ledgerloop.events.chain.ChainEntry;
import dev.ledgerloop.events.chain.ChainVerifier;
import dev.ledgerloop.events.crypto.AtRestCipher;
import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.crypto.MasterKey;
import dev.ledgerloop.events.crypto.MongoWrappedKeyStore;
import dev.ledgerloop.events.crypto.StreamShreddedException;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SenderType;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.eventstore.ErasedEvent;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.eventstore.UnreadableEvent;
import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encrypting codec under the Axon engine, over gRPC to the embedded node and the wire protocol to an in-memory
 * MongoDB: what is stored is ciphertext with chained clear metadata, and it reads back as the events and context
 * that were appended.
 */
class EncryptedEventRecordCodecTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SPACE = UUID.randomUUID().toString();
    private static final MetaData CONTEXT = MetaData.from(Map.of(
            EventContext.SPACE_ID,
            SPACE,
            EventContext.ACTOR_ID,
            UUID.randomUUID().toString(),
            EventContext.ACTOR_KIND,
            "agent",
            "traceId",
            "trace-1",
            "correlationId",
            "command-1"));

    @TempDir
    static Path data;

    private static EmbeddedEventStoreNode node;
    private static MongoServer mongo;
    private static EventStoreDBClient client;
    private static MongoClient mongoClient;
    private static Keyring keyring;
    private static MasterKey masterKey;

    @BeforeAll
    static void start() {
        node = EmbeddedEventStoreNode.start(NodeSettings.of(data).withPort(0));
        client = EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(node.connectionString()));
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        mongoClient = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        byte[] master = new byte[32];
        RANDOM.nextBytes(master);
        masterKey = MasterKey.fromBase64(Base64.getEncoder().encodeToString(master));
        keyring = new Keyring(
                masterKey, new MongoWrappedKeyStore(mongoClient.getDatabase("codec-test")), Clock.systemUTC(), 100);
    }

    @AfterAll
    static void stop() {
        mongoClient.close();
        mongo.shutdownNow();
        client.shutdown();
        node.close();
    }

    @Test
    void appended_events_are_ciphertext_with_a_verifying_chain_and_read_back_as_they_were() throws Exception {
        UUID session = UUID.randomUUID();
        EncryptedEnvelope content = envelope();
        List<DomainEventMessage<?>> events = List.of(
                event(session, 0, new SessionOpened(session, UUID.randomUUID(), envelope(), false, null)),
                event(
                        session,
                        1,
                        new MessageSent(
                                session,
                                UUID.randomUUID(),
                                SenderType.Agent,
                                UUID.randomUUID(),
                                null,
                                content,
                                null,
                                true,
                                Priority.High,
                                null,
                                "ref-1")));
        EventStoreDbStorageEngine engine = engine();
        engine.appendEvents(events);

        List<RecordedEvent> stored = raw(session);
        assertThat(stored).extracting(RecordedEvent::getEventType).containsExactly("SessionOpened", "MessageSent");
        for (RecordedEvent event : stored) {
            String data = new String(event.getEventData(), StandardCharsets.ISO_8859_1);
            assertThat(data).doesNotContain(content.ciphertext(), "ref-1", "wrappings", "High");
        }
        assertThat(verify(stored)).isEmpty();

        DomainEventStream read = engine.readEvents("Session", session.toString(), 0);
        List<DomainEventMessage<?>> readBack = new ArrayList<>();
        read.forEachRemaining(readBack::add);
        assertThat(readBack.stream()
                        .map(message -> (Object) message.getPayload())
                        .toList())
                .containsExactly(events.get(0).getPayload(), events.get(1).getPayload());
        assertThat(readBack)
                .extracting(DomainEventMessage::getIdentifier)
                .containsExactly(events.get(0).getIdentifier(), events.get(1).getIdentifier());
        assertThat(readBack.get(1).getType()).isEqualTo("Session");
        assertThat(readBack.get(1).getSequenceNumber()).isEqualTo(1);
        assertThat(readBack.get(1).getMetaData())
                .containsEntry(EventContext.SPACE_ID, SPACE)
                .containsEntry("traceId", "trace-1")
                .containsEntry("correlationId", "command-1");
        EventMetadata metadata = EventMetadata.fromJson(stored.get(1).getUserMetadata());
        assertThat(metadata.correlationId()).isEqualTo("trace-1");
        assertThat(metadata.causationId()).isEqualTo("command-1");
        engine.close();
    }

    /**
     * A processor decoding a stream's older events remembers their heads while a command appends two events to it:
     * before, the second event asked the remembered head, found the older one put back and looked for the first in
     * the store, where it was not yet ("has no event at revision 1 to chain onto").
     */
    private static final String HEAD_0 = "a".repeat(64);

    @Test
    void each_event_of_one_append_chains_onto_the_one_before_it_while_readers_remember_older_heads() throws Exception {
        ChainHeads heads = new ChainHeads(client, EventStoreDbStorageEngine.DEFAULT_CALL_DEADLINE, 100);
        EncryptedEventRecordCodec codec =
                new EncryptedEventRecordCodec(new EventCodec(keyring, new AtRestCipher(), Upcasters.none()), heads);
        for (int round = 0; round < 200; round++) {
            UUID session = UUID.randomUUID();
            String stream = "session-" + session;
            heads.remember(stream, 0, HEAD_0);
            AtomicBoolean appended = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                while (!appended.get()) {
                    heads.remember(stream, 0, HEAD_0);
                }
            });
            reader.start();
            try {
                List<EventData> records = codec.encodeAll(
                        stream,
                        List.of(
                                event(session, 1, new SessionClosed(session)),
                                event(session, 2, new SessionClosed(session))));
                EventMetadata first = EventMetadata.fromJson(records.get(0).getUserMetadata());
                EventMetadata second = EventMetadata.fromJson(records.get(1).getUserMetadata());
                assertThat(first.prevHash()).isEqualTo(HEAD_0);
                assertThat(second.prevHash()).isEqualTo(first.hash());
            } finally {
                appended.set(true);
                reader.join();
            }
        }
    }

    @Test
    void a_process_that_never_saw_the_stream_chains_onto_its_stored_head() throws Exception {
        UUID session = UUID.randomUUID();
        EventStoreDbStorageEngine first = engine();
        first.appendEvents(List.of(event(session, 0, new SessionOpened(session, UUID.randomUUID(), null, true, 3))));
        first.close();

        EventStoreDbStorageEngine second = engine();
        second.appendEvents(List.of(event(session, 1, new SessionClosed(session))));
        second.close();

        assertThat(verify(raw(session))).isEmpty();
    }

    @Test
    void events_of_a_shredded_stream_read_as_erased_and_those_of_a_key_lost_otherwise_as_unreadable() throws Exception {
        UUID shredded = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        EventStoreDbStorageEngine writer = engine();
        writer.appendEvents(List.of(event(shredded, 0, new SessionOpened(shredded, UUID.randomUUID(), null, true, 3))));
        writer.appendEvents(List.of(event(lost, 0, new SessionOpened(lost, UUID.randomUUID(), null, true, 3))));
        writer.close();
        keyring.shred("session-" + shredded);
        new MongoWrappedKeyStore(mongoClient.getDatabase("codec-test")).delete("session-" + lost);
        keyring.evict("session-" + lost);

        EventStoreDbStorageEngine reader = engine();
        assertThat(reader.readRecorded("Session", shredded.toString(), 0).next().getPayload())
                .isEqualTo(new ErasedEvent(
                        "session-" + shredded,
                        0,
                        raw(shredded).get(0).getEventId().toString(),
                        "SessionOpened"));
        assertThat(reader.readRecorded("Session", lost.toString(), 0).next().getPayload())
                .isInstanceOf(UnreadableEvent.class);
        reader.close();
    }

    @Test
    void a_session_whose_shredding_the_log_records_is_refused_though_its_key_document_exists() throws Exception {
        UUID session = UUID.randomUUID();
        EventStoreDbStorageEngine engine = engine();
        engine.appendEvents(List.of(event(session, 0, new SessionOpened(session, UUID.randomUUID(), null, true, 3))));
        MongoWrappedKeyStore store = new MongoWrappedKeyStore(mongoClient.getDatabase("codec-test"));
        Keyring guarded = new Keyring(
                masterKey,
                store,
                Clock.systemUTC(),
                100,
                new LoggedShredRecords(client, EventStoreDbStorageEngine.DEFAULT_CALL_DEADLINE));
        String stream = "session-" + session;
        String keyId =
                EventMetadata.fromJson(raw(session).get(0).getUserMetadata()).keyId();
        assertThat(guarded.dataKeyOf(SPACE, stream, keyId).keyId()).isEqualTo(keyId);
        guarded.evict(stream);

        engine.appendEvents(List.of(new GenericDomainEventMessage<>(
                "Shredding",
                session.toString(),
                0,
                new SessionShredRequested(session, UUID.fromString(SPACE), "agent-1", java.time.Instant.now()),
                CONTEXT)));
        engine.close();

        assertThat(store.find(stream)).isPresent();
        assertThatThrownBy(() -> guarded.dataKeyOf(SPACE, stream, keyId)).isInstanceOf(StreamShreddedException.class);
        assertThatThrownBy(() -> guarded.dataKeyFor(SPACE, stream)).isInstanceOf(StreamShreddedException.class);
    }

    private static EventStoreDbStorageEngine engine() {
        EncryptedEventRecordCodec codec = new EncryptedEventRecordCodec(
                new EventCodec(keyring, new AtRestCipher(), Upcasters.none()),
                new ChainHeads(client, EventStoreDbStorageEngine.DEFAULT_CALL_DEADLINE, 100));
        return EventStoreDbStorageEngine.builder().client(client).codec(codec).build();
    }

    private static DomainEventMessage<?> event(UUID session, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Session", session.toString(), sequence, payload, CONTEXT);
    }

    private static List<RecordedEvent> raw(UUID session) throws Exception {
        return client
                .readStream("session-" + session, ReadStreamOptions.get())
                .get(10, TimeUnit.SECONDS)
                .getEvents()
                .stream()
                .map(ResolvedEvent::getEvent)
                .toList();
    }

    private static java.util.Optional<dev.ledgerloop.events.chain.BrokenLink> verify(List<RecordedEvent> events) {
        return ChainVerifier.verify(events.stream()
                .map(event -> new ChainEntry(event.getUserMetadata(), event.getEventData()))
                .toList());
    }

    private static EncryptedEnvelope envelope() {
        return new EncryptedEnvelope(
                EncryptedEnvelope.VERSION,
                EncryptedEnvelope.ALGORITHM,
                base64(12 + 24 + 16),
                List.of(new Wrapping("human-1", base64(32), base64(60))));
    }

    private static String base64(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
