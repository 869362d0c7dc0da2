package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendResp;
import dev.ledgerloop.eventstore.embedded.store.ProposedEvent;
import dev.ledgerloop.eventstore.embedded.store.RevisionExpectation;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One client-streaming {@code Append} call: the options message, then one message per event. Events are checked
 * as they arrive (id, the required {@code type} metadata, the running size against the maximum append size) and
 * the whole append is handed to the store only when the client completes the stream, so a rejected or abandoned
 * append writes nothing.
 */
final class AppendCall implements StreamObserver<AppendReq> {
    interface Appender {
        CompletableFuture<AppendResp> append(String stream, RevisionExpectation expected, List<ProposedEvent> events);
    }

    private final StreamObserver<AppendResp> responses;
    private final long maxAppendSize;
    private final Appender appender;
    private final List<ProposedEvent> events = new ArrayList<>();
    private String stream;
    private RevisionExpectation expected;
    private long size;
    private boolean failed;

    AppendCall(StreamObserver<AppendResp> responses, long maxAppendSize, Appender appender) {
        this.responses = responses;
        this.maxAppendSize = maxAppendSize;
        this.appender = appender;
    }

    @Override
    public void onNext(AppendReq request) {
        if (failed) {
            return;
        }
        try {
            accept(request);
        } catch (StatusRuntimeException e) {
            failed = true;
            events.clear();
            responses.onError(e);
        }
    }

    private void accept(AppendReq request) {
        switch (request.getContentCase()) {
            case OPTIONS -> {
                if (stream != null) {
                    throw RpcErrors.badRequest("Append options were sent twice");
                }
                stream = Wire.writableStreamName(request.getOptions().getStreamIdentifier());
                expected = RevisionExpectations.of(request.getOptions());
            }
            case PROPOSED_MESSAGE -> {
                if (stream == null) {
                    throw RpcErrors.badRequest("Append options must come before the events");
                }
                ProposedEvent event = proposedEvent(request.getProposedMessage());
                size += event.size();
                if (size > maxAppendSize) {
                    throw RpcErrors.maximumAppendSizeExceeded(maxAppendSize);
                }
                events.add(event);
            }
            default -> throw RpcErrors.badRequest("Empty append message");
        }
    }

    private static ProposedEvent proposedEvent(AppendReq.ProposedMessage message) {
        String type = message.getMetadataMap().get(Wire.TYPE);
        if (type == null || type.isEmpty()) {
            throw RpcErrors.missingRequiredMetadata(Wire.TYPE);
        }
        String contentType = message.getMetadataMap().get(Wire.CONTENT_TYPE);
        if (contentType == null) {
            throw RpcErrors.missingRequiredMetadata(Wire.CONTENT_TYPE);
        }
        return new ProposedEvent(
                Wire.uuid(message.getId()),
                type,
                Wire.JSON.equals(contentType),
                message.getData().toByteArray(),
                message.getCustomMetadata().toByteArray());
    }

    @Override
    public void onError(Throwable error) {
        // The client gave up (cancelled, deadline, connection lost): nothing has been written.
        failed = true;
        events.clear();
    }

    @Override
    public void onCompleted() {
        if (failed) {
            return;
        }
        if (stream == null) {
            responses.onError(RpcErrors.badRequest("Append options are required"));
            return;
        }
        StreamsService.reply(responses, appender.append(stream, expected, List.copyOf(events)));
    }
}
