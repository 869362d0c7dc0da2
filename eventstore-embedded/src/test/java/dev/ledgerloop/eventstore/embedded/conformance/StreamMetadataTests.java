package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.TIMEOUT_SECONDS;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.revisions;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.StreamMetadata;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stream metadata: it round-trips, and {@code $tb} and {@code $maxCount} hide older events. */
interface StreamMetadataTests extends ServerUnderTest {
    @Test
    default void stream_metadata_round_trips_and_truncate_before_hides_earlier_events() throws Exception {
        String stream = streamName("meta");
        append(stream, ExpectedRevision.noStream(), numbered(0, 5).toArray(EventData[]::new));
        StreamMetadata metadata = new StreamMetadata();
        metadata.setTruncateBefore(3L);
        metadata.setCustomProperties(java.util.Map.of("owner", "conformance"));

        client().setStreamMetadata(stream, metadata).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        StreamMetadata read = client().getStreamMetadata(stream).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(read.getTruncateBefore()).isEqualTo(3L);
        assertThat(read.getCustomProperties()).containsEntry("owner", "conformance");
        assertThat(revisions(readStream(stream))).containsExactly(3L, 4L);
    }

    @Test
    default void max_count_metadata_keeps_only_the_newest_events_visible() throws Exception {
        String stream = streamName("meta");
        append(stream, ExpectedRevision.noStream(), numbered(0, 5).toArray(EventData[]::new));
        StreamMetadata metadata = new StreamMetadata();
        metadata.setMaxCount(2L);

        client().setStreamMetadata(stream, metadata).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(revisions(readStream(stream))).containsExactly(3L, 4L);
    }
}
