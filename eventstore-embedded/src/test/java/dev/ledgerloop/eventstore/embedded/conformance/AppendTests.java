package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.TIMEOUT_SECONDS;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.failure;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.options;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.position;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.WriteResult;
import com.eventstore.dbclient.WrongExpectedVersionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Appends: expected revisions, revisions and positions of what is written, idempotent retries, racing writers. */
interface AppendTests extends ServerUnderTest {
    @Test
    default void appending_to_a_new_stream_with_no_stream_starts_at_revision_zero() throws Exception {
        String stream = streamName("append");

        WriteResult result = append(stream, ExpectedRevision.noStream(), numbered(0));

        assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(0));
        assertThat(result.getLogPosition()).isNotNull();
    }

    @Test
    default void appending_with_no_stream_to_an_existing_stream_fails_with_the_actual_revision() throws Exception {
        String stream = streamName("append");
        append(stream, ExpectedRevision.noStream(), numbered(0), numbered(1));

        WrongExpectedVersionException error = failure(
                client().appendToStream(stream, options(ExpectedRevision.noStream()), numbered(2)),
                WrongExpectedVersionException.class);

        assertThat(error.getStreamName()).isEqualTo(stream);
        assertThat(error.getActualVersion()).isEqualTo(ExpectedRevision.expectedRevision(1));
        // No assertion on error.getNextExpectedRevision(): the server answers expected_no_stream, which the
        // client's AppendToStream cannot map (it falls through to expectedRevision(0)).
    }

    @Test
    default void appending_with_any_writes_whatever_the_streams_state() throws Exception {
        String stream = streamName("append");

        WriteResult first = append(stream, ExpectedRevision.any(), numbered(0));
        WriteResult second = append(stream, ExpectedRevision.any(), numbered(1), numbered(2));

        assertThat(first.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(0));
        assertThat(second.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(2));
    }

    @Test
    default void appending_with_stream_exists_fails_on_a_missing_stream_and_succeeds_on_an_existing_one()
            throws Exception {
        String stream = streamName("append");

        WrongExpectedVersionException error = failure(
                client().appendToStream(stream, options(ExpectedRevision.streamExists()), numbered(0)),
                WrongExpectedVersionException.class);
        assertThat(error.getActualVersion()).isEqualTo(ExpectedRevision.noStream());
        assertThat(error.getNextExpectedRevision()).isEqualTo(ExpectedRevision.streamExists());

        append(stream, ExpectedRevision.noStream(), numbered(0));
        WriteResult result = append(stream, ExpectedRevision.streamExists(), numbered(1));
        assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(1));
    }

    @Test
    default void appending_with_the_exact_revision_succeeds_and_a_stale_one_fails_with_the_actual_revision()
            throws Exception {
        String stream = streamName("append");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));

        WriteResult result = append(stream, ExpectedRevision.expectedRevision(2), numbered(3));
        WrongExpectedVersionException error = failure(
                client().appendToStream(stream, options(ExpectedRevision.expectedRevision(2)), numbered(4)),
                WrongExpectedVersionException.class);

        assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(3));
        assertThat(error.getActualVersion()).isEqualTo(ExpectedRevision.expectedRevision(3));
        assertThat(error.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(2));
        assertThat(readStream(stream).getEvents()).hasSize(4);
    }

    @Test
    default void a_multi_event_append_gets_contiguous_revisions_and_increasing_positions() throws Exception {
        String stream = streamName("append");
        append(stream, ExpectedRevision.noStream(), numbered(0, 5).toArray(EventData[]::new));

        List<ResolvedEvent> events = readStream(stream).getEvents();

        assertThat(events).extracting(e -> e.getEvent().getRevision()).containsExactly(0L, 1L, 2L, 3L, 4L);
        for (int i = 1; i < events.size(); i++) {
            assertThat(position(events.get(i))).isGreaterThan(position(events.get(i - 1)));
        }
    }

    /**
     * EventStoreDB docs, "Appending events / Idempotence": appending the same event ids again with the same
     * expected revision succeeds without writing them twice.
     */
    @Test
    default void retrying_an_append_with_the_same_event_ids_and_expectation_is_idempotent() throws Exception {
        String stream = streamName("idempotent");
        EventData[] events = numbered(0, 3).toArray(EventData[]::new);

        WriteResult first = append(stream, ExpectedRevision.noStream(), events);
        WriteResult retry = append(stream, ExpectedRevision.noStream(), events);

        assertThat(retry.getNextExpectedRevision()).isEqualTo(first.getNextExpectedRevision());
        assertThat(readStream(stream).getEvents()).hasSize(3);
    }

    /** Optimistic concurrency: writers that retry on a wrong expected revision never lose an update. */
    @Test
    default void concurrent_writers_with_expected_revisions_never_lose_an_update() throws Exception {
        String stream = streamName("race");
        int writers = 8;
        int appendsPerWriter = 10;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < appendsPerWriter; i++) {
                    appendWithRetry(stream, numbered(writer * 1000 + i));
                }
            }));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<ResolvedEvent> events = readStream(stream).getEvents();
        assertThat(events).hasSize(writers * appendsPerWriter);
        assertThat(events)
                .extracting(e -> e.getEvent().getRevision())
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, writers * appendsPerWriter)
                        .boxed()
                        .toList());
    }

    private void appendWithRetry(String stream, EventData event) {
        while (true) {
            try {
                ExpectedRevision expected;
                try {
                    List<ResolvedEvent> last = client().readStream(
                                    stream,
                                    ReadStreamOptions.get()
                                            .backwards()
                                            .fromEnd()
                                            .maxCount(1))
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .getEvents();
                    expected = ExpectedRevision.expectedRevision(
                            last.get(0).getEvent().getRevision());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof StreamNotFoundException)) {
                        throw e;
                    }
                    expected = ExpectedRevision.noStream();
                }
                client().appendToStream(stream, options(expected), event).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof WrongExpectedVersionException)) {
                    throw new IllegalStateException(e);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
