package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.TIMEOUT_SECONDS;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.failure;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.revisions;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.DeleteStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.WriteResult;
import com.eventstore.dbclient.WrongExpectedVersionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Soft deletes: the stream reads as missing, its events stay in {@code $all}, a later append recreates it. */
interface DeleteTests extends ServerUnderTest {
    @Test
    default void a_soft_deleted_stream_reads_as_not_found_while_its_events_stay_in_all() throws Exception {
        String stream = streamName("softdelete");
        append(stream, ExpectedRevision.noStream(), numbered(0, 2).toArray(EventData[]::new));

        client().deleteStream(stream, DeleteStreamOptions.get().expectedRevision(ExpectedRevision.expectedRevision(1)))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        failure(client().readStream(stream, ReadStreamOptions.get()), StreamNotFoundException.class);
        assertThat(readAll(ReadAllOptions.get().backwards().fromEnd().maxCount(50)))
                .anySatisfy(e -> assertThat(e.getEvent().getStreamId()).isEqualTo(stream));
    }

    /**
     * EventStoreDB docs, "Deleting events / Soft delete": appending to a soft-deleted stream recreates it, and the
     * new events continue the old revision numbers; the old ones stay hidden.
     */
    @Test
    default void writing_to_a_soft_deleted_stream_recreates_it_with_revisions_continuing() throws Exception {
        String stream = streamName("softdelete");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        client().deleteStream(stream).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        WriteResult result = append(stream, ExpectedRevision.any(), numbered(3));

        assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(3));
        assertThat(revisions(readStream(stream))).containsExactly(3L);
    }

    @Test
    default void deleting_with_a_stale_expected_revision_fails_and_deletes_nothing() throws Exception {
        String stream = streamName("delete");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));

        WrongExpectedVersionException error = failure(
                client().deleteStream(
                                stream,
                                DeleteStreamOptions.get().expectedRevision(ExpectedRevision.expectedRevision(0))),
                WrongExpectedVersionException.class);

        assertThat(error.getActualVersion()).isEqualTo(ExpectedRevision.expectedRevision(2));
        assertThat(readStream(stream).getEvents()).hasSize(3);
    }
}
