package dev.ledgerloop.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventstore.dbclient.Position;
import com.thoughtworks.xstream.XStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.xml.XStreamSerializer;
import org.junit.jupiter.api.Test;

class EventStoreDbPositionTokenTest {
    private final EventStoreDbPositionToken early = new EventStoreDbPositionToken(100, 100);
    private final EventStoreDbPositionToken sameCommitLaterPrepare = new EventStoreDbPositionToken(200, 150);
    private final EventStoreDbPositionToken late = new EventStoreDbPositionToken(200, 200);

    @Test
    void a_token_covers_itself_everything_before_it_and_null() {
        assertThat(late.covers(late)).isTrue();
        assertThat(late.covers(early)).isTrue();
        assertThat(late.covers(sameCommitLaterPrepare)).isTrue();
        assertThat(late.covers(EventStoreDbPositionToken.TAIL)).isTrue();
        assertThat(late.covers(null)).isTrue();
    }

    @Test
    void a_token_does_not_cover_what_comes_after_it() {
        assertThat(early.covers(late)).isFalse();
        assertThat(sameCommitLaterPrepare.covers(late)).isFalse();
        assertThat(EventStoreDbPositionToken.TAIL.covers(early)).isFalse();
    }

    @Test
    void the_bounds_are_the_earlier_and_the_later_token() {
        assertThat(early.lowerBound(late)).isEqualTo(early);
        assertThat(late.lowerBound(early)).isEqualTo(early);
        assertThat(early.upperBound(late)).isEqualTo(late);
        assertThat(late.upperBound(early)).isEqualTo(late);
        assertThat(late.lowerBound(sameCommitLaterPrepare)).isEqualTo(sameCommitLaterPrepare);
        assertThat(early.lowerBound(early)).isEqualTo(early);
    }

    @Test
    void null_means_nothing_handled_yet_so_it_is_the_tail() {
        assertThat(late.lowerBound(null)).isEqualTo(EventStoreDbPositionToken.TAIL);
        assertThat(late.upperBound(null)).isEqualTo(late);
    }

    @Test
    void tokens_of_another_source_cannot_be_compared() {
        TrackingToken other = new GlobalSequenceTrackingToken(5);

        assertThatThrownBy(() -> early.covers(other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> early.lowerBound(other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> early.upperBound(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_position_is_the_commit_position() {
        assertThat(sameCommitLaterPrepare.position()).hasValue(200);
        assertThat(EventStoreDbPositionToken.TAIL.position()).hasValue(-1);
    }

    @Test
    void a_token_converts_to_and_from_the_clients_position() {
        Position position = new Position(300, 250);

        EventStoreDbPositionToken token = EventStoreDbPositionToken.at(position);

        assertThat(token.getCommitPosition()).isEqualTo(300);
        assertThat(token.getPreparePosition()).isEqualTo(250);
        assertThat(token.toPosition()).isEqualTo(position);
        assertThatThrownBy(EventStoreDbPositionToken.TAIL::toPosition).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void only_real_positions_and_the_tail_are_tokens() {
        assertThatThrownBy(() -> new EventStoreDbPositionToken(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventStoreDbPositionToken(5, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new EventStoreDbPositionToken(-1, -1).isTail()).isTrue();
    }

    @Test
    void replay_detection_works_with_these_tokens() {
        TrackingToken replay = ReplayToken.createReplayToken(late, early);

        assertThat(ReplayToken.isReplay(replay)).isTrue();
        assertThat(((ReplayToken) replay).advancedTo(late).covers(late)).isTrue();
        assertThat(ReplayToken.isReplay(((ReplayToken) replay).advancedTo(new EventStoreDbPositionToken(300, 300))))
                .isFalse();
    }

    @Test
    void tokens_survive_the_jackson_serializer_of_a_token_store() {
        assertSurvives(JacksonSerializer.defaultSerializer());
    }

    @Test
    void tokens_survive_the_xstream_serializer_of_a_token_store() {
        XStream xStream = new XStream();
        xStream.allowTypes(new Class<?>[] {EventStoreDbPositionToken.class});
        assertSurvives(XStreamSerializer.builder().xStream(xStream).build());
    }

    private void assertSurvives(Serializer serializer) {
        for (EventStoreDbPositionToken token : new EventStoreDbPositionToken[] {late, EventStoreDbPositionToken.TAIL}) {
            SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
            TrackingToken back = serializer.deserialize(serialized);
            assertThat(back).isEqualTo(token);
        }
    }
}
