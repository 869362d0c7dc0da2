package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.Position;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.beans.ConstructorProperties;
import java.io.Serializable;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A tracking token at an event's position in {@code $all}: the processor has handled that event and everything before
 * it. {@link #TAIL} sits before the first event.
 *
 * <p>Both halves of EventStoreDB's position are kept: the commit position alone is not unique for events written in
 * one explicit transaction, and reading {@code $all} resumes from the exact {@link Position}. Tokens are ordered by
 * commit, then prepare position, as EventStoreDB orders {@code $all}. A plain class rather than a record, so that
 * XStream can (de)serialize it as well as Jackson.
 */
public final class EventStoreDbPositionToken
        implements TrackingToken, Comparable<EventStoreDbPositionToken>, Serializable {
    private static final long serialVersionUID = 1L;

    /** Before the first event of {@code $all}: tracking from here delivers every event. */
    public static final EventStoreDbPositionToken TAIL = new EventStoreDbPositionToken(-1, -1);

    private final long commitPosition;
    private final long preparePosition;

    @JsonCreator
    @ConstructorProperties({"commitPosition", "preparePosition"})
    public EventStoreDbPositionToken(
            @JsonProperty("commitPosition") long commitPosition,
            @JsonProperty("preparePosition") long preparePosition) {
        boolean tail = commitPosition == -1 && preparePosition == -1;
        if (!tail && (preparePosition < 0 || commitPosition < preparePosition)) {
            throw new IllegalArgumentException(
                    "Not a position in $all: commit " + commitPosition + ", prepare " + preparePosition);
        }
        this.commitPosition = commitPosition;
        this.preparePosition = preparePosition;
    }

    /** The token of the event recorded at {@code position}. */
    public static EventStoreDbPositionToken at(Position position) {
        return new EventStoreDbPositionToken(position.getCommitUnsigned(), position.getPrepareUnsigned());
    }

    public long getCommitPosition() {
        return commitPosition;
    }

    public long getPreparePosition() {
        return preparePosition;
    }

    /** Whether this token is {@link #TAIL}, which has no position in {@code $all}. */
    @JsonIgnore
    public boolean isTail() {
        return commitPosition == -1;
    }

    /** The position to read {@code $all} from (that read includes the event at this position); not for the tail. */
    public Position toPosition() {
        if (isTail()) {
            throw new IllegalStateException("The tail token has no position in $all; read from the start instead");
        }
        return new Position(commitPosition, preparePosition);
    }

    @Override
    public boolean covers(TrackingToken other) {
        return other == null || compareTo(cast(other)) >= 0;
    }

    /** The earlier of the two tokens; {@code null} (nothing handled yet) counts as {@link #TAIL}. */
    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        EventStoreDbPositionToken that = other == null ? TAIL : cast(other);
        return compareTo(that) <= 0 ? this : that;
    }

    /** The later of the two tokens; {@code null} (nothing handled yet) counts as {@link #TAIL}. */
    @Override
    public TrackingToken upperBound(TrackingToken other) {
        EventStoreDbPositionToken that = other == null ? TAIL : cast(other);
        return compareTo(that) >= 0 ? this : that;
    }

    /** The commit position: EventStoreDB's byte offset in its log, so progress estimates are in bytes, not events. */
    @Override
    public OptionalLong position() {
        return OptionalLong.of(commitPosition);
    }

    @Override
    public int compareTo(EventStoreDbPositionToken other) {
        int byCommit = Long.compare(commitPosition, other.commitPosition);
        return byCommit != 0 ? byCommit : Long.compare(preparePosition, other.preparePosition);
    }

    private static EventStoreDbPositionToken cast(TrackingToken other) {
        if (other instanceof EventStoreDbPositionToken) {
            return (EventStoreDbPositionToken) other;
        }
        throw new IllegalArgumentException(
                "Incompatible token type: " + other.getClass().getName()
                        + "; tokens of $all can only be compared with other EventStoreDbPositionTokens");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventStoreDbPositionToken
                && ((EventStoreDbPositionToken) o).commitPosition == commitPosition
                && ((EventStoreDbPositionToken) o).preparePosition == preparePosition;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(commitPosition) * 31 + Long.hashCode(preparePosition);
    }

    @Override
    public String toString() {
        return isTail()
                ? "EventStoreDbPositionToken{tail}"
                : "EventStoreDbPositionToken{commit=" + commitPosition + ", prepare=" + preparePosition + "}";
    }
}
