package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.TIMEOUT_SECONDS;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.bytes;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.failure;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.revisions;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadResult;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.WriteResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reading one stream: the fields of each event, directions, counts and the end of the stream. */
interface ReadStreamTests extends ServerUnderTest {
    @Test
    default void reading_a_stream_returns_every_field_as_written() throws Exception {
        String stream = streamName("fields");
        UUID jsonId = UUID.randomUUID();
        UUID binaryId = UUID.randomUUID();
        byte[] binary = {0, 1, 2, (byte) 0xff, 42};
        EventData jsonEvent = EventDataBuilder.json(jsonId, "OrderPlaced", bytes("{\"total\":12.5}"))
                .metadataAsBytes(bytes("{\"correlation\":\"c-1\"}"))
                .build();
        EventData binaryEvent =
                EventDataBuilder.binary(binaryId, "Blob", binary).build();
        Instant before = Instant.now().minusSeconds(5);

        WriteResult written = append(stream, ExpectedRevision.noStream(), jsonEvent, binaryEvent);
        Instant after = Instant.now().plusSeconds(5);
        List<ResolvedEvent> events = readStream(stream).getEvents();

        RecordedEvent first = events.get(0).getEvent();
        assertThat(first.getStreamId()).isEqualTo(stream);
        assertThat(first.getRevision()).isZero();
        assertThat(first.getEventId()).isEqualTo(jsonId);
        assertThat(first.getEventType()).isEqualTo("OrderPlaced");
        assertThat(first.getContentType()).isEqualTo("application/json");
        assertThat(first.getEventData()).isEqualTo(bytes("{\"total\":12.5}"));
        // The client adds its tracing ids ($traceId, $spanId) to JSON metadata before sending it.
        assertThat(new ObjectMapper()
                        .readTree(first.getUserMetadata())
                        .path("correlation")
                        .asText())
                .isEqualTo("c-1");
        assertThat(first.getCreated()).isBetween(before, after);

        RecordedEvent second = events.get(1).getEvent();
        assertThat(second.getEventId()).isEqualTo(binaryId);
        assertThat(second.getContentType()).isEqualTo("application/octet-stream");
        assertThat(second.getEventData()).isEqualTo(binary);
        assertThat(second.getPosition()).isEqualTo(written.getLogPosition());
    }

    @Test
    default void a_stream_event_has_the_same_position_in_its_stream_and_in_all() throws Exception {
        String stream = streamName("position");
        append(stream, ExpectedRevision.noStream(), numbered(0));
        RecordedEvent inStream = readStream(stream).getEvents().get(0).getEvent();

        RecordedEvent inAll = readAll(ReadAllOptions.get().backwards().fromEnd()).stream()
                .map(ResolvedEvent::getEvent)
                .filter(event -> event.getEventId().equals(inStream.getEventId()))
                .findFirst()
                .orElseThrow();

        assertThat(inAll.getPosition()).isEqualTo(inStream.getPosition());
        assertThat(inAll.getRevision()).isZero();
        assertThat(inAll.getStreamId()).isEqualTo(stream);
    }

    @Test
    default void reading_forwards_from_a_revision_honours_the_maximum_count() throws Exception {
        String stream = streamName("read");
        append(stream, ExpectedRevision.noStream(), numbered(0, 10).toArray(EventData[]::new));

        ReadResult result = client().readStream(
                        stream,
                        ReadStreamOptions.get().forwards().fromRevision(3).maxCount(4))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(revisions(result)).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    default void reading_backwards_from_the_end_or_from_a_revision_returns_newest_first() throws Exception {
        String stream = streamName("read");
        append(stream, ExpectedRevision.noStream(), numbered(0, 10).toArray(EventData[]::new));

        ReadResult fromEnd = client().readStream(
                        stream, ReadStreamOptions.get().backwards().fromEnd().maxCount(3))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ReadResult fromRevision = client().readStream(
                        stream, ReadStreamOptions.get().backwards().fromRevision(4))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(revisions(fromEnd)).containsExactly(9L, 8L, 7L);
        assertThat(revisions(fromRevision)).containsExactly(4L, 3L, 2L, 1L, 0L);
    }

    @Test
    default void reading_a_stream_that_does_not_exist_fails_with_stream_not_found() {
        failure(client().readStream(streamName("missing"), ReadStreamOptions.get()), StreamNotFoundException.class);
    }

    @Test
    default void reading_forwards_past_the_end_returns_no_events() throws Exception {
        String stream = streamName("read");
        append(stream, ExpectedRevision.noStream(), numbered(0, 2).toArray(EventData[]::new));

        ReadResult result = client().readStream(stream, ReadStreamOptions.get().fromRevision(2))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(result.getEvents()).isEmpty();
    }

    /** EventStoreDB's {@code ReadStreamForwards} ends a read with {@code LastStreamPosition} (compatibility 1). */
    @Test
    default void a_stream_read_carries_the_streams_last_revision() throws Exception {
        String stream = streamName("read");
        append(stream, ExpectedRevision.noStream(), numbered(0, 6).toArray(EventData[]::new));

        ReadResult result =
                client().readStream(stream, ReadStreamOptions.get().maxCount(2)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(result.getLastStreamPosition()).isEqualTo(5L);
    }
}
