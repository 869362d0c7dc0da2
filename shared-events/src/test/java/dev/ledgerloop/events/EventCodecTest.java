package dev.ledgerloop.events;

import static dev.ledgerloop.events.fixtures.Metadata.aPartialMetadata;
import static dev.ledgerloop.events.fixtures.SessionEvents.aMessageSent;
import static dev.ledgerloop.events.fixtures.SessionEvents.bareSessionOpened;
import static dev.ledgerloop.events.fixtures.SessionEvents.sessionClosed;
import static dev.ledgerloop.events.fixtures.SessionEvents.sessionOpened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.chain.BrokenLink;
import dev.ledgerloop.events.chain.ChainEntry;
import dev.ledgerloop.events.chain.ChainVerifier;
import dev.ledgerloop.events.chain.HashChain;
import dev.ledgerloop.events.crypto.AssociatedData;
import dev.ledgerloop.events.crypto.AtRestCipher;
import dev.ledgerloop.events.crypto.DataKey;
import dev.ledgerloop.events.crypto.DataKeyNotFoundException;
import dev.ledgerloop.events.crypto.DecryptionFailedException;
import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.fixtures.InMemoryWrappedKeyStore;
import dev.ledgerloop.events.fixtures.MasterKeys;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SessionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static final String SPACE = "space-1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Keyring keyring =
            new Keyring(MasterKeys.randomMasterKey(), new InMemoryWrappedKeyStore(), Clock.systemUTC(), 100);
    private final EventCodec codec = new EventCodec(keyring, new AtRestCipher(), Upcasters.none());
    private final UUID sessionId = UUID.randomUUID();
    private final String stream = StreamNames.session(sessionId);

    @Test
    void every_session_event_survives_a_round_trip() {
        List<SessionEvent> events = List.of(
                sessionOpened(sessionId),
                bareSessionOpened(sessionId),
                aMessageSent(sessionId).build(),
                aMessageSent(sessionId)
                        .fromHuman("auth0|user-7")
                        .withPriority(Priority.Urgent)
                        .withoutOptionalFields()
                        .build(),
                sessionClosed(sessionId));

        for (SessionEvent event : events) {
            EncodedEvent encoded = encode(event, HashChain.GENESIS);

            assertThat(codec.decode(stream, encoded.eventType(), encoded.ciphertext(), encoded.metadataJson()))
                    .isEqualTo(event);
        }
    }

    @Test
    void the_event_type_is_the_record_name() {
        assertThat(encode(sessionClosed(sessionId), HashChain.GENESIS).eventType())
                .isEqualTo("SessionClosed");
        assertThat(encode(aMessageSent(sessionId).build(), HashChain.GENESIS).eventType())
                .isEqualTo("MessageSent");
    }

    @Test
    void the_metadata_is_completed_and_chained() throws Exception {
        UUID eventId = UUID.randomUUID();
        String prevHash = "ab".repeat(32);

        EncodedEvent encoded =
                codec.encode(SPACE, stream, eventId, sessionClosed(sessionId), partialMetadata(7), prevHash);

        EventMetadata metadata = EventMetadata.fromJson(encoded.metadataJson());
        assertThat(metadata).isEqualTo(encoded.metadata());
        assertThat(encoded.metadataJson()).isEqualTo(encoded.metadata().toJson());
        assertThat(metadata.eventId()).isEqualTo(eventId);
        assertThat(metadata.spaceId()).isEqualTo(SPACE);
        assertThat(metadata.aggregateType()).isEqualTo(AggregateType.SESSION);
        assertThat(metadata.aggregateId()).isEqualTo(sessionId);
        assertThat(metadata.sequence()).isEqualTo(7);
        assertThat(metadata.schemaVersion()).isEqualTo(1);
        assertThat(metadata.keyId()).isEqualTo(keyring.dataKeyFor(SPACE, stream).keyId());
        assertThat(metadata.prevHash()).isEqualTo(prevHash);
        assertThat(metadata.hash())
                .isEqualTo(HashChain.hash((ObjectNode) MAPPER.readTree(encoded.metadataJson()), encoded.ciphertext()));
    }

    @Test
    void the_payload_is_not_stored_in_clear() {
        MessageSent event = aMessageSent(sessionId).build();

        EncodedEvent encoded = encode(event, HashChain.GENESIS);

        String stored = new String(encoded.ciphertext(), StandardCharsets.ISO_8859_1)
                + new String(encoded.metadataJson(), StandardCharsets.UTF_8);
        assertThat(stored)
                .doesNotContain(event.messageId().toString())
                .doesNotContain(event.encryptedContent().ciphertext())
                .doesNotContain("ticket-42");
    }

    @Test
    void a_stream_encoded_event_by_event_verifies() {
        List<ChainEntry> chain = encodeStream(4);

        assertThat(ChainVerifier.verify(chain)).isEmpty();
    }

    @Test
    void a_ciphertext_swapped_between_events_is_caught_by_decryption_and_by_the_chain() {
        List<EncodedEvent> encoded = new ArrayList<>();
        String prevHash = HashChain.GENESIS;
        for (int i = 0; i < 3; i++) {
            EncodedEvent event = encode(aMessageSent(sessionId).build(), prevHash);
            encoded.add(event);
            prevHash = event.metadata().hash();
        }
        EncodedEvent victim = encoded.get(1);
        byte[] moved = encoded.get(2).ciphertext();

        assertThatThrownBy(() -> codec.decode(stream, victim.eventType(), moved, victim.metadataJson()))
                .isInstanceOf(DecryptionFailedException.class)
                .hasMessageContaining(victim.metadata().eventId().toString());
        List<ChainEntry> chain = new ArrayList<>(encoded.stream()
                .map(e -> new ChainEntry(e.metadataJson(), e.ciphertext()))
                .toList());
        chain.set(1, new ChainEntry(victim.metadataJson(), moved));
        assertThat(ChainVerifier.verify(chain))
                .hasValue(new BrokenLink(1, victim.metadata().eventId().toString(), BrokenLink.Reason.HASH_MISMATCH));
    }

    @Test
    void an_event_relabelled_with_another_type_does_not_decrypt() {
        EncodedEvent encoded = encode(sessionClosed(sessionId), HashChain.GENESIS);

        assertThatThrownBy(() -> codec.decode(stream, "SessionOpened", encoded.ciphertext(), encoded.metadataJson()))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void an_event_read_from_another_stream_does_not_decrypt() {
        EncodedEvent encoded = encode(sessionClosed(sessionId), HashChain.GENESIS);
        String otherStream = StreamNames.session(UUID.randomUUID());
        keyring.dataKeyFor(SPACE, otherStream);

        assertThatThrownBy(() ->
                        codec.decode(otherStream, encoded.eventType(), encoded.ciphertext(), encoded.metadataJson()))
                .isInstanceOf(DataKeyNotFoundException.class);
    }

    @Test
    void a_shredded_stream_no_longer_decodes() {
        EncodedEvent encoded = encode(aMessageSent(sessionId).build(), HashChain.GENESIS);

        keyring.shred(stream);

        assertThatThrownBy(
                        () -> codec.decode(stream, encoded.eventType(), encoded.ciphertext(), encoded.metadataJson()))
                .isInstanceOf(DataKeyNotFoundException.class)
                .hasMessageContaining(stream);
    }

    @Test
    void an_event_of_another_session_is_refused_on_this_stream() {
        assertThatThrownBy(() -> encode(sessionClosed(UUID.randomUUID()), HashChain.GENESIS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong on stream " + stream);
    }

    @Test
    void metadata_that_disagrees_with_the_arguments_is_refused() {
        EventMetadata otherSpace = aPartialMetadata().withSpaceId("space-2").build();
        EventMetadata otherEvent =
                aPartialMetadata().withEventId(UUID.randomUUID()).build();
        EventMetadata futureVersion = aPartialMetadata().withSchemaVersion(2).build();

        for (EventMetadata metadata : List.of(otherSpace, otherEvent, futureVersion)) {
            assertThatThrownBy(() -> codec.encode(
                            SPACE, stream, UUID.randomUUID(), sessionClosed(sessionId), metadata, HashChain.GENESIS))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_current_event_is_read_without_upcasting() {
        EncodedEvent encoded =
                encode(aMessageSent(sessionId).withPriority(Priority.Low).build(), HashChain.GENESIS);
        List<JsonNode> upcast = new ArrayList<>();
        Upcasters recording = Upcasters.none().with("MessageSent", 0, payload -> {
            upcast.add(payload);
            return payload;
        });

        AggregateEvent decoded = new EventCodec(keyring, new AtRestCipher(), recording)
                .decode(stream, encoded.eventType(), encoded.ciphertext(), encoded.metadataJson());

        assertThat(((MessageSent) decoded).priority()).isEqualTo(Priority.Low);
        assertThat(upcast).isEmpty();
    }

    @Test
    void an_event_stored_under_an_older_schema_is_upcast_on_read() throws Exception {
        // A v0 MessageSent, as an older writer would have stored it: no priority yet, bound to version 0.
        MessageSent current =
                aMessageSent(sessionId).withPriority(Priority.Medium).build();
        ObjectNode v0 = Json.MAPPER.valueToTree(current);
        v0.remove("priority");
        UUID eventId = UUID.randomUUID();
        DataKey key = keyring.dataKeyFor(SPACE, stream);
        byte[] ciphertext = new AtRestCipher()
                .encrypt(key, new AssociatedData(stream, eventId, "MessageSent", 0), Json.MAPPER.writeValueAsBytes(v0));
        EventMetadata metadata = aPartialMetadata()
                .withEventId(eventId)
                .withSpaceId(SPACE)
                .withKeyId(key.keyId())
                .withSchemaVersion(0)
                .build();
        Upcasters upcasters =
                Upcasters.none().with("MessageSent", 0, payload -> ((ObjectNode) payload).put("priority", "Medium"));

        AggregateEvent decoded = new EventCodec(keyring, new AtRestCipher(), upcasters)
                .decode(stream, "MessageSent", ciphertext, metadata.toJson());

        assertThat(decoded).isEqualTo(current);
    }

    @Test
    void the_payload_uses_the_api_property_names_and_values() throws Exception {
        JsonNode opened = MAPPER.readTree(Json.MAPPER.writeValueAsBytes(sessionOpened(sessionId)));
        JsonNode sent = MAPPER.readTree(
                Json.MAPPER.writeValueAsBytes(aMessageSent(sessionId).build()));

        assertThat(opened.fieldNames())
                .toIterable()
                .containsExactly("sessionId", "agentId", "encryptedTitle", "isPublic", "maxGuests");
        assertThat(sent.get("senderType").asText()).isEqualTo("Agent");
        assertThat(sent.get("priority").asText()).isEqualTo("High");
        assertThat(sent.get("deadlineAt").asText()).isEqualTo("2026-03-25T10:30:00.123Z");
        assertThat(sent.get("encryptedContent").fieldNames())
                .toIterable()
                .containsExactly("v", "alg", "ciphertext", "wrappings");
    }

    private EncodedEvent encode(SessionEvent event, String prevHash) {
        return codec.encode(SPACE, stream, UUID.randomUUID(), event, partialMetadata(0), prevHash);
    }

    private List<ChainEntry> encodeStream(int events) {
        List<ChainEntry> chain = new ArrayList<>();
        String prevHash = HashChain.GENESIS;
        for (int i = 0; i < events; i++) {
            EncodedEvent encoded = codec.encode(
                    SPACE, stream, UUID.randomUUID(), aMessageSent(sessionId).build(), partialMetadata(i), prevHash);
            chain.add(new ChainEntry(encoded.metadataJson(), encoded.ciphertext()));
            prevHash = encoded.metadata().hash();
        }
        return chain;
    }

    private static EventMetadata partialMetadata(long sequence) {
        return aPartialMetadata().withSequence(sequence).build();
    }
}
