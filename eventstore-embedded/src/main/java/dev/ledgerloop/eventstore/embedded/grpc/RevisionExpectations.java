package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.shared.Shared;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendResp;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.DeleteReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.TombstoneReq;
import dev.ledgerloop.eventstore.embedded.store.RevisionExpectation;

/** Reads the expected-revision oneofs of the write requests and writes the wrong-expected-version answer. */
final class RevisionExpectations {
    private RevisionExpectations() {}

    static RevisionExpectation of(AppendReq.Options options) {
        return of(options.getExpectedStreamRevisionCase(), options.getRevision());
    }

    static RevisionExpectation of(DeleteReq.Options options) {
        return of(options.getExpectedStreamRevisionCase(), options.getRevision());
    }

    static RevisionExpectation of(TombstoneReq.Options options) {
        return of(options.getExpectedStreamRevisionCase(), options.getRevision());
    }

    /** The three requests declare the same oneof as three generated enums with the same constant names. */
    private static RevisionExpectation of(Enum<?> expectedCase, long revision) {
        return switch (expectedCase.name()) {
            case "REVISION" -> RevisionExpectation.exact(revision);
            case "NO_STREAM" -> RevisionExpectation.NO_STREAM;
            case "STREAM_EXISTS" -> RevisionExpectation.STREAM_EXISTS;
            case "ANY" -> RevisionExpectation.ANY;
            default -> throw RpcErrors.badRequest("Expected stream revision is required");
        };
    }

    /**
     * EventStoreDB fills both the current fields and the ones kept for clients of server 20.6.0, which had no
     * way to say "expected no stream".
     */
    static AppendResp.WrongExpectedVersion wrongExpectedVersion(long currentRevision, RevisionExpectation expected) {
        AppendResp.WrongExpectedVersion.Builder answer = AppendResp.WrongExpectedVersion.newBuilder();
        Shared.Empty empty = Shared.Empty.getDefaultInstance();
        if (currentRevision < 0) {
            answer.setCurrentNoStream(empty).setNoStream2060(empty);
        } else {
            answer.setCurrentRevision(currentRevision).setCurrentRevision2060(currentRevision);
        }
        switch (expected.kind()) {
            case ANY -> answer.setExpectedAny(empty).setAny2060(empty);
            case STREAM_EXISTS -> answer.setExpectedStreamExists(empty).setStreamExists2060(empty);
            case NO_STREAM -> answer.setExpectedNoStream(empty);
            case EXACT -> answer.setExpectedRevision(expected.revision()).setExpectedRevision2060(expected.revision());
        }
        return answer.build();
    }
}
