package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.TIMEOUT_SECONDS;
import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.options;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadResult;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.SubscribeToAllOptions;
import com.eventstore.dbclient.SubscribeToStreamOptions;
import com.eventstore.dbclient.Subscription;
import com.eventstore.dbclient.WriteResult;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The server a part of the conformance suite runs against, and the client calls the parts share. */
interface ServerUnderTest {
    /** The official client, connected to the server under test. */
    EventStoreDBClient client();

    String host();

    int port();

    /** The maximum append size the server under test was configured with. */
    long maxAppendSize();

    default WriteResult append(String stream, ExpectedRevision expected, EventData... events) throws Exception {
        return client().appendToStream(stream, options(expected), events).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    default ReadResult readStream(String stream) throws Exception {
        return client().readStream(stream, ReadStreamOptions.get()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    default List<ResolvedEvent> readAll(ReadAllOptions options) throws Exception {
        return client().readAll(options).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getEvents();
    }

    default Subscription subscribeToStream(String stream, RecordingListener listener, SubscribeToStreamOptions options)
            throws Exception {
        return client().subscribeToStream(stream, listener, options).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    default Subscription subscribeToAll(RecordingListener listener, SubscribeToAllOptions options) throws Exception {
        return client().subscribeToAll(listener, options).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
