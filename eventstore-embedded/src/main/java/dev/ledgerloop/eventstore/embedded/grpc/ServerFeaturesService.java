package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.serverfeatures.ServerFeaturesGrpc;
import com.eventstore.dbclient.proto.serverfeatures.Serverfeatures.SupportedMethod;
import com.eventstore.dbclient.proto.serverfeatures.Serverfeatures.SupportedMethods;
import com.eventstore.dbclient.proto.shared.Shared;
import io.grpc.stub.StreamObserver;

/**
 * Server-features discovery, which db-client-java calls right after connecting. The method names follow
 * EventStoreDB's (lower-case method and full service names); the version is the server line whose behaviour the
 * node follows. Persistent subscriptions and batch append are not offered, so the client never tries them.
 */
public final class ServerFeaturesService extends ServerFeaturesGrpc.ServerFeaturesImplBase {
    public static final String SERVER_VERSION = "24.10.0";
    private static final String STREAMS = "event_store.client.streams.streams";

    @Override
    public void getSupportedMethods(Shared.Empty request, StreamObserver<SupportedMethods> responses) {
        SupportedMethods.Builder methods = SupportedMethods.newBuilder().setEventStoreServerVersion(SERVER_VERSION);
        for (String method : new String[] {"read", "append", "delete", "tombstone"}) {
            methods.addMethods(
                    SupportedMethod.newBuilder().setServiceName(STREAMS).setMethodName(method));
        }
        methods.addMethods(SupportedMethod.newBuilder()
                .setServiceName("event_store.client.server_features.serverfeatures")
                .setMethodName("getsupportedmethods"));
        responses.onNext(methods.build());
        responses.onCompleted();
    }
}
