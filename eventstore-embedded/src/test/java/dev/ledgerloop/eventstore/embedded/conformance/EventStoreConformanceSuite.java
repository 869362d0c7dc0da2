package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.numbered;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.ofType;
import static dev.ledgerloop.eventstore.embedded.conformance.TestEvents.streamName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.DeleteStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.Position;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadResult;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.ServerVersion;
import com.eventstore.dbclient.StreamDeletedException;
import com.eventstore.dbclient.StreamMetadata;
import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.SubscribeToAllOptions;
import com.eventstore.dbclient.SubscribeToStreamOptions;
import com.eventstore.dbclient.Subscription;
import com.eventstore.dbclient.SubscriptionFilter;
import com.eventstore.dbclient.WriteResult;
import com.eventstore.dbclient.WrongExpectedVersionException;
import com.eventstore.dbclient.proto.shared.Shared;
import com.eventstore.dbclient.proto.streams.StreamsGrpc;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendResp;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What our code relies on from EventStoreDB, written against the official client only (and, for malformed
 * requests, the gRPC stubs that ship inside it). It runs against the embedded node always and against a real
 * EventStoreDB where Docker is available, so every behaviour asserted here is checked against the real server too.
 *
 * <p>Where the behaviour had to be inferred rather than read in the client's own tests, the test says where it
 * comes from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EventStoreConformanceSuite {
    private static final long TIMEOUT_SECONDS = 15;

    protected EventStoreDBClient client;

    /** Starts the server under test (once per class). */
    protected abstract void startServer() throws Exception;

    protected abstract void stopServer() throws Exception;

    /** {@code esdb://host:port?tls=false} of the server under test. */
    protected abstract String connectionString();

    protected abstract String host();

    protected abstract int port();

    /** The maximum append size the server under test was configured with. */
    protected abstract long maxAppendSize();

    @BeforeAll
    void startAndConnect() throws Exception {
        startServer();
        client = EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(connectionString()));
    }

    @AfterAll
    void disconnectAndStop() throws Exception {
        try {
            if (client != null) {
                client.shutdown().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            stopServer();
        }
    }

    // ---- connection --------------------------------------------------------------------------------------

    @Test
    void theClientConnectsInPlainTextAndDiscoversTheServerVersion() throws Exception {
        Optional<ServerVersion> version = client.getServerVersion().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(version).isPresent();
        assertThat(version.get().getMajor()).isGreaterThanOrEqualTo(20);
    }

    // ---- append ------------------------------------------------------------------------------------------

    @Test
    void appendingToANewStreamWithNoStreamStartsAtRevisionZero() throws Exception {
        String stream = streamName("append");

        WriteResult result = append(stream, ExpectedRevision.noStream(), numbered(0));

        assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(0));
        assertThat(result.getLogPosition()).isNotNull();
    }

    @Test
    void appendingWithNoStreamToAnExistingStreamFailsWithTheActualRevision() throws Exception {
        String stream = streamName("append");
        append(stream, ExpectedRevision.noStream(), numbered(0), numbered(1));

        WrongExpectedVersionException error = failure(
                client.appendToStream(stream, options(ExpectedRevision.noStream()), numbered(2)),
                WrongExpectedVersionException.class);

        assertThat(error.getStreamName()).isEqualTo(stream);
        assertThat(error.getActualVersion()).isEqualTo(ExpectedRevision.expectedRevision(1));
        // No assertion on error.getNextExpectedRevision(): the server answers expected_no_stream, which the
        // client's AppendToStream cannot map (it falls through to expectedRevision(0)).
    }

    @Test
    void appendingWithAnyWritesWhateverTheStreamsState() throws Exception {
        String stream = streamName("append");

        WriteResult first = append(stream, ExpectedRevision.any(), numbered(0));
        WriteResult second = append(stream, ExpectedRevision.any(), numbered(1), numbered(2));

        assertThat(first.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(0));
        assertThat(second.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(2));
    }

    @Test
    void appendingWithStreamExistsFailsOnAMissingStreamAndSucceedsOnAnExistingOne() throws Exception {
        String stream = streamName("append");

        WrongExpectedVersionException error = failure(
                client.appendToStream(stream, options(ExpectedRevision.streamExists()), numbered(0)),
                WrongExpectedVersionException.class);
        assertThat(error.getActualVersion()).isEqualTo(ExpectedRevision.noStream());
        assertThat(error.getNextExpectedRevision()).isEqualTo(ExpectedRevision.streamExists());

        append(stream, ExpectedRevision.noStream(), numbered(0));
        WriteResult result = append(stream, ExpectedRevision.streamExists(), numbered(1));
        assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(1));
    }

    @Test
    void appendingWithTheExactRevisionSucceedsAndAStaleOneFailsWithTheActualRevision() throws Exception {
        String stream = streamName("append");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));

        WriteResult result = append(stream, ExpectedRevision.expectedRevision(2), numbered(3));
        WrongExpectedVersionException error = failure(
                client.appendToStream(stream, options(ExpectedRevision.expectedRevision(2)), numbered(4)),
                WrongExpectedVersionException.class);

        assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(3));
        assertThat(error.getActualVersion()).isEqualTo(ExpectedRevision.expectedRevision(3));
        assertThat(error.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(2));
        assertThat(readStream(stream).getEvents()).hasSize(4);
    }

    @Test
    void aMultiEventAppendGetsContiguousRevisionsAndIncreasingPositions() throws Exception {
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
    void retryingAnAppendWithTheSameEventIdsAndExpectationIsIdempotent() throws Exception {
        String stream = streamName("idempotent");
        EventData[] events = numbered(0, 3).toArray(EventData[]::new);

        WriteResult first = append(stream, ExpectedRevision.noStream(), events);
        WriteResult retry = append(stream, ExpectedRevision.noStream(), events);

        assertThat(retry.getNextExpectedRevision()).isEqualTo(first.getNextExpectedRevision());
        assertThat(readStream(stream).getEvents()).hasSize(3);
    }

    /** Optimistic concurrency: writers that retry on a wrong expected revision never lose an update. */
    @Test
    void concurrentWritersWithExpectedRevisionsNeverLoseAnUpdate() throws Exception {
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
                    List<ResolvedEvent> last = client.readStream(
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
                client.appendToStream(stream, options(expected), event).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
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

    // ---- read a stream -----------------------------------------------------------------------------------

    @Test
    void readingAStreamReturnsEveryFieldAsWritten() throws Exception {
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
    void aStreamEventHasTheSamePositionInItsStreamAndInAll() throws Exception {
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
    void readingForwardsFromARevisionHonoursTheMaximumCount() throws Exception {
        String stream = streamName("read");
        append(stream, ExpectedRevision.noStream(), numbered(0, 10).toArray(EventData[]::new));

        ReadResult result = client.readStream(
                        stream,
                        ReadStreamOptions.get().forwards().fromRevision(3).maxCount(4))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(revisions(result)).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void readingBackwardsFromTheEndOrFromARevisionReturnsNewestFirst() throws Exception {
        String stream = streamName("read");
        append(stream, ExpectedRevision.noStream(), numbered(0, 10).toArray(EventData[]::new));

        ReadResult fromEnd = client.readStream(
                        stream, ReadStreamOptions.get().backwards().fromEnd().maxCount(3))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ReadResult fromRevision = client.readStream(
                        stream, ReadStreamOptions.get().backwards().fromRevision(4))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(revisions(fromEnd)).containsExactly(9L, 8L, 7L);
        assertThat(revisions(fromRevision)).containsExactly(4L, 3L, 2L, 1L, 0L);
    }

    @Test
    void readingAStreamThatDoesNotExistFailsWithStreamNotFound() {
        failure(client.readStream(streamName("missing"), ReadStreamOptions.get()), StreamNotFoundException.class);
    }

    @Test
    void readingForwardsPastTheEndReturnsNoEvents() throws Exception {
        String stream = streamName("read");
        append(stream, ExpectedRevision.noStream(), numbered(0, 2).toArray(EventData[]::new));

        ReadResult result = client.readStream(stream, ReadStreamOptions.get().fromRevision(2))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(result.getEvents()).isEmpty();
    }

    /** EventStoreDB's {@code ReadStreamForwards} ends a read with {@code LastStreamPosition} (compatibility 1). */
    @Test
    void aStreamReadCarriesTheStreamsLastRevision() throws Exception {
        String stream = streamName("read");
        append(stream, ExpectedRevision.noStream(), numbered(0, 6).toArray(EventData[]::new));

        ReadResult result =
                client.readStream(stream, ReadStreamOptions.get().maxCount(2)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(result.getLastStreamPosition()).isEqualTo(5L);
    }

    @Test
    void streamMetadataRoundTripsAndTruncateBeforeHidesEarlierEvents() throws Exception {
        String stream = streamName("meta");
        append(stream, ExpectedRevision.noStream(), numbered(0, 5).toArray(EventData[]::new));
        StreamMetadata metadata = new StreamMetadata();
        metadata.setTruncateBefore(3L);
        metadata.setCustomProperties(java.util.Map.of("owner", "conformance"));

        client.setStreamMetadata(stream, metadata).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        StreamMetadata read = client.getStreamMetadata(stream).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(read.getTruncateBefore()).isEqualTo(3L);
        assertThat(read.getCustomProperties()).containsEntry("owner", "conformance");
        assertThat(revisions(readStream(stream))).containsExactly(3L, 4L);
    }

    @Test
    void maxCountMetadataKeepsOnlyTheNewestEventsVisible() throws Exception {
        String stream = streamName("meta");
        append(stream, ExpectedRevision.noStream(), numbered(0, 5).toArray(EventData[]::new));
        StreamMetadata metadata = new StreamMetadata();
        metadata.setMaxCount(2L);

        client.setStreamMetadata(stream, metadata).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(revisions(readStream(stream))).containsExactly(3L, 4L);
    }

    // ---- read $all ---------------------------------------------------------------------------------------

    @Test
    void readingAllForwardsReturnsEveryEventInLogOrder() throws Exception {
        String stream = streamName("all");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        append(streamName("all-other"), ExpectedRevision.noStream(), numbered(0));
        append(stream, ExpectedRevision.expectedRevision(2), numbered(3));

        List<ResolvedEvent> all = readAll(ReadAllOptions.get().forwards().fromStart());

        for (int i = 1; i < all.size(); i++) {
            assertThat(position(all.get(i))).isGreaterThan(position(all.get(i - 1)));
        }
        assertThat(all.stream()
                        .map(ResolvedEvent::getEvent)
                        .filter(event -> event.getStreamId().equals(stream))
                        .map(RecordedEvent::getRevision))
                .containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void readingAllBackwardsFromTheEndStartsWithTheNewestEvent() throws Exception {
        String stream = streamName("all");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));

        List<ResolvedEvent> newest =
                readAll(ReadAllOptions.get().backwards().fromEnd().maxCount(2));

        assertThat(newest).extracting(e -> e.getEvent().getStreamId()).containsOnly(stream);
        assertThat(newest).extracting(e -> e.getEvent().getRevision()).containsExactly(2L, 1L);
    }

    /**
     * EventStoreDB's {@code ReadAllEventsForward} starts at the given position (inclusive) and
     * {@code ReadAllEventsBackward} before it (exclusive): the usual paging contract of the client's docs
     * ("Reading from the $all stream").
     */
    @Test
    void readingAllFromAPositionIncludesItForwardsAndExcludesItBackwards() throws Exception {
        String stream = streamName("all");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        Position middle = readStream(stream).getEvents().get(1).getEvent().getPosition();

        List<ResolvedEvent> forwards =
                readAll(ReadAllOptions.get().forwards().fromPosition(middle).maxCount(2));
        List<ResolvedEvent> backwards =
                readAll(ReadAllOptions.get().backwards().fromPosition(middle).maxCount(1));

        assertThat(forwards).extracting(e -> e.getEvent().getRevision()).containsExactly(1L, 2L);
        assertThat(backwards).extracting(e -> e.getEvent().getRevision()).containsExactly(0L);
    }

    @Test
    void allHoldsSystemStreamsThatClientsFilterOut() throws Exception {
        List<ResolvedEvent> all = readAll(ReadAllOptions.get().forwards().fromStart());

        assertThat(all).anySatisfy(e -> assertThat(e.getEvent().getStreamId()).startsWith("$"));
        assertThat(all).anySatisfy(e -> assertThat(e.getEvent().getEventType()).startsWith("$"));
    }

    // ---- subscriptions -----------------------------------------------------------------------------------

    @Test
    void aStreamSubscriptionDeliversPastEventsThenCatchesUpThenDeliversLiveEvents() throws Exception {
        String stream = streamName("sub");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToStream(
                stream, listener, SubscribeToStreamOptions.get().fromStart());
        await().until(() -> listener.timeline.contains("CAUGHT_UP"));
        append(stream, ExpectedRevision.expectedRevision(2), numbered(3), numbered(4));

        await().untilAsserted(() -> assertThat(listener.timeline)
                .containsExactly(
                        stream + "@0", stream + "@1", stream + "@2", "CAUGHT_UP", stream + "@3", stream + "@4"));
        subscription.stop();
    }

    /** EventStoreDB's {@code StreamSubscription}: a start revision means "after this revision". */
    @Test
    void aStreamSubscriptionFromARevisionStartsAfterIt() throws Exception {
        String stream = streamName("sub");
        append(stream, ExpectedRevision.noStream(), numbered(0, 5).toArray(EventData[]::new));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToStream(
                stream, listener, SubscribeToStreamOptions.get().fromRevision(2));

        await().untilAsserted(() -> assertThat(listener.revisions()).containsExactly(3L, 4L));
        subscription.stop();
    }

    @Test
    void aStreamSubscriptionFromTheEndDeliversOnlyNewEvents() throws Exception {
        String stream = streamName("sub");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToStream(
                stream, listener, SubscribeToStreamOptions.get().fromEnd());
        append(stream, ExpectedRevision.expectedRevision(2), numbered(3));

        await().untilAsserted(() -> assertThat(listener.revisions()).containsExactly(3L));
        subscription.stop();
    }

    @Test
    void aSubscriptionToAStreamThatDoesNotExistYetDeliversItsFirstEvents() throws Exception {
        String stream = streamName("sub");
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToStream(
                stream, listener, SubscribeToStreamOptions.get().fromStart());
        append(stream, ExpectedRevision.noStream(), numbered(0), numbered(1));

        await().untilAsserted(() -> assertThat(listener.revisions()).containsExactly(0L, 1L));
        subscription.stop();
    }

    @Test
    void anAllSubscriptionFromTheStartDeliversPastAndLiveEventsInOrder() throws Exception {
        String prefix = streamName("suball");
        String stream = prefix + "-a";
        append(stream, ExpectedRevision.noStream(), numbered(0, 2).toArray(EventData[]::new));
        RecordingListener listener = RecordingListener.forStreamsStartingWith(prefix);

        Subscription subscription =
                subscribeToAll(listener, SubscribeToAllOptions.get().fromStart());
        await().until(() -> listener.timeline.contains("CAUGHT_UP"));
        append(stream, ExpectedRevision.expectedRevision(1), numbered(2));

        await().untilAsserted(() -> assertThat(listener.timeline)
                .containsExactly(stream + "@0", stream + "@1", "CAUGHT_UP", stream + "@2"));
        subscription.stop();
    }

    /** EventStoreDB's {@code AllSubscription} skips events at or before the start position. */
    @Test
    void anAllSubscriptionFromAPositionStartsAfterIt() throws Exception {
        String prefix = streamName("suball");
        String stream = prefix + "-a";
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        Position first = readStream(stream).getEvents().get(0).getEvent().getPosition();
        RecordingListener listener = RecordingListener.forStreamsStartingWith(prefix);

        Subscription subscription =
                subscribeToAll(listener, SubscribeToAllOptions.get().fromPosition(first));

        await().untilAsserted(() -> assertThat(listener.revisions()).containsExactly(1L, 2L));
        subscription.stop();
    }

    @Test
    void anAllSubscriptionFromTheEndDeliversOnlyNewEvents() throws Exception {
        String prefix = streamName("suball");
        append(prefix + "-old", ExpectedRevision.noStream(), numbered(0));
        RecordingListener listener = RecordingListener.forStreamsStartingWith(prefix);

        Subscription subscription =
                subscribeToAll(listener, SubscribeToAllOptions.get().fromEnd());
        append(prefix + "-new", ExpectedRevision.noStream(), numbered(0));

        await().untilAsserted(() -> assertThat(listener.events)
                .extracting(RecordedEvent::getStreamId)
                .containsExactly(prefix + "-new"));
        subscription.stop();
    }

    @Test
    void anAllSubscriptionFilteredByStreamNamePrefixDeliversOnlyThoseStreams() throws Exception {
        String prefix = streamName("filter");
        append(prefix + "-in", ExpectedRevision.noStream(), ofType("A"));
        append(streamName("filter"), ExpectedRevision.noStream(), ofType("B"));
        append(prefix + "-in2", ExpectedRevision.noStream(), ofType("C"));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAll(
                listener,
                SubscribeToAllOptions.get()
                        .fromStart()
                        .filter(SubscriptionFilter.newBuilder()
                                .addStreamNamePrefix(prefix)
                                .build()));

        await().untilAsserted(() -> assertThat(listener.eventTypes()).containsExactly("A", "C"));
        subscription.stop();
    }

    /**
     * db-client-java 5.4 puts a prefix in the filter's {@code regex} field ({@code SubscriptionFilter.addPrefix}
     * calls {@code setRegex}), and EventStoreDB matches a regex anywhere in the name ({@code Regex.IsMatch}): so a
     * "prefix" also matches in the middle of a stream name. Code that relies on prefixes must anchor them itself.
     */
    @Test
    void aStreamNamePrefixFromThisClientAlsoMatchesInsideANameBecauseItIsSentAsARegex() throws Exception {
        String prefix = streamName("inside");
        append("x-" + prefix, ExpectedRevision.noStream(), ofType("Inside"));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAll(
                listener,
                SubscribeToAllOptions.get()
                        .fromStart()
                        .filter(SubscriptionFilter.newBuilder()
                                .addStreamNamePrefix(prefix)
                                .build()));

        await().untilAsserted(() -> assertThat(listener.eventTypes()).containsExactly("Inside"));
        subscription.stop();
    }

    @Test
    void anAllSubscriptionFilteredByStreamNameRegexDeliversOnlyMatchingStreams() throws Exception {
        String token = UUID.randomUUID().toString().replace("-", "");
        append("rx-" + token + "-1", ExpectedRevision.noStream(), ofType("A"));
        append("rx-" + token + "-x", ExpectedRevision.noStream(), ofType("B"));
        append("rx-" + token + "-2", ExpectedRevision.noStream(), ofType("C"));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAll(
                listener,
                SubscribeToAllOptions.get()
                        .fromStart()
                        .filter(SubscriptionFilter.newBuilder()
                                .withStreamNameRegularExpression("^rx-" + token + "-[0-9]+$")
                                .build()));

        await().untilAsserted(() -> assertThat(listener.eventTypes()).containsExactly("A", "C"));
        subscription.stop();
    }

    @Test
    void anAllSubscriptionFilteredByEventTypePrefixDeliversOnlyThoseTypes() throws Exception {
        String type = "T" + UUID.randomUUID().toString().replace("-", "");
        String stream = streamName("types");
        append(stream, ExpectedRevision.noStream(), ofType(type + "Opened"), ofType("Other"), ofType(type + "Closed"));
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAll(
                listener,
                SubscribeToAllOptions.get()
                        .fromStart()
                        .filter(SubscriptionFilter.newBuilder()
                                .addEventTypePrefix(type)
                                .build()));

        await().untilAsserted(
                        () -> assertThat(listener.eventTypes()).containsExactly(type + "Opened", type + "Closed"));
        subscription.stop();
    }

    /** The usual way to leave out system events: an event-type regex that refuses a leading {@code $}. */
    @Test
    void anAllSubscriptionFilteredByEventTypeRegexCanExcludeSystemEvents() throws Exception {
        String stream = streamName("nosystem");
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAll(
                listener,
                SubscribeToAllOptions.get()
                        .fromStart()
                        .filter(SubscriptionFilter.newBuilder()
                                .withEventTypeRegularExpression("^[^\\$].*")
                                .build()));
        append(stream, ExpectedRevision.noStream(), ofType("Visible"));

        await().untilAsserted(() -> assertThat(listener.events)
                .anySatisfy(event -> assertThat(event.getStreamId()).isEqualTo(stream)));
        assertThat(listener.events)
                .noneSatisfy(event -> assertThat(event.getEventType()).startsWith("$"));
        subscription.stop();
    }

    /**
     * A filtered subscription reports checkpoints while it scans events that do not match, so a consumer with a
     * rare filter can persist its progress (client docs, "Server-side filtering / Checkpointing").
     */
    @Test
    void aFilteredSubscriptionReportsCheckpointsWhileScanningNonMatchingEvents() throws Exception {
        String stream = streamName("checkpoint");
        append(stream, ExpectedRevision.noStream(), numbered(0, 100).toArray(EventData[]::new));
        Position last = readStream(stream).getEvents().get(99).getEvent().getPosition();
        RecordingListener listener = new RecordingListener();

        Subscription subscription = subscribeToAll(
                listener,
                SubscribeToAllOptions.get()
                        .fromStart()
                        .filter(SubscriptionFilter.newBuilder()
                                .addEventTypePrefix("NothingHasThisType" + UUID.randomUUID())
                                .withMaxWindow(10)
                                .withCheckpointer(listener, 1)
                                .build()));
        append(stream, ExpectedRevision.expectedRevision(99), numbered(100, 100).toArray(EventData[]::new));

        await().untilAsserted(() -> assertThat(listener.checkpoints)
                .anySatisfy(checkpoint -> assertThat(checkpoint).isGreaterThan(last)));
        for (int i = 1; i < listener.checkpoints.size(); i++) {
            assertThat(listener.checkpoints.get(i)).isGreaterThanOrEqualTo(listener.checkpoints.get(i - 1));
        }
        assertThat(listener.events).isEmpty();
        subscription.stop();
    }

    @Test
    void aStoppedSubscriptionReceivesNothingMore() throws Exception {
        String stream = streamName("stop");
        RecordingListener listener = new RecordingListener();
        Subscription subscription = subscribeToStream(
                stream, listener, SubscribeToStreamOptions.get().fromStart());
        append(stream, ExpectedRevision.noStream(), numbered(0));
        await().until(() -> listener.events.size() == 1);

        subscription.stop();
        append(stream, ExpectedRevision.expectedRevision(0), numbered(1));

        await().during(Duration.ofMillis(500)).atMost(timeout()).until(() -> listener.events.size() == 1);
        assertThat(listener.cancelled).isNotCompletedExceptionally();
    }

    @Test
    void manySubscribersToOneStreamAllReceiveEveryEvent() throws Exception {
        String stream = streamName("fanout");
        List<RecordingListener> listeners = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RecordingListener listener = new RecordingListener();
            listeners.add(listener);
            subscriptions.add(subscribeToStream(
                    stream, listener, SubscribeToStreamOptions.get().fromStart()));
        }

        for (int i = 0; i < 10; i++) {
            append(stream, ExpectedRevision.any(), numbered(i));
        }

        await().untilAsserted(() -> assertThat(listeners)
                .allSatisfy(listener -> assertThat(listener.revisions()).hasSize(10)));
        subscriptions.forEach(Subscription::stop);
    }

    // ---- delete and tombstone ----------------------------------------------------------------------------

    @Test
    void aSoftDeletedStreamReadsAsNotFoundWhileItsEventsStayInAll() throws Exception {
        String stream = streamName("softdelete");
        append(stream, ExpectedRevision.noStream(), numbered(0, 2).toArray(EventData[]::new));

        client.deleteStream(stream, DeleteStreamOptions.get().expectedRevision(ExpectedRevision.expectedRevision(1)))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        failure(client.readStream(stream, ReadStreamOptions.get()), StreamNotFoundException.class);
        assertThat(readAll(ReadAllOptions.get().backwards().fromEnd().maxCount(50)))
                .anySatisfy(e -> assertThat(e.getEvent().getStreamId()).isEqualTo(stream));
    }

    /**
     * EventStoreDB docs, "Deleting events / Soft delete": appending to a soft-deleted stream recreates it, and the
     * new events continue the old revision numbers; the old ones stay hidden.
     */
    @Test
    void writingToASoftDeletedStreamRecreatesItWithRevisionsContinuing() throws Exception {
        String stream = streamName("softdelete");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));
        client.deleteStream(stream).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        WriteResult result = append(stream, ExpectedRevision.any(), numbered(3));

        assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(3));
        assertThat(revisions(readStream(stream))).containsExactly(3L);
    }

    @Test
    void deletingWithAStaleExpectedRevisionFailsAndDeletesNothing() throws Exception {
        String stream = streamName("delete");
        append(stream, ExpectedRevision.noStream(), numbered(0, 3).toArray(EventData[]::new));

        WrongExpectedVersionException error = failure(
                client.deleteStream(
                        stream, DeleteStreamOptions.get().expectedRevision(ExpectedRevision.expectedRevision(0))),
                WrongExpectedVersionException.class);

        assertThat(error.getActualVersion()).isEqualTo(ExpectedRevision.expectedRevision(2));
        assertThat(readStream(stream).getEvents()).hasSize(3);
    }

    @Test
    void aTombstonedStreamRefusesAppends() throws Exception {
        String stream = streamName("tombstone");
        append(stream, ExpectedRevision.noStream(), numbered(0));
        client.tombstoneStream(stream).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        StreamDeletedException error = failure(
                client.appendToStream(stream, options(ExpectedRevision.any()), numbered(1)),
                StreamDeletedException.class);

        assertThat(error.getStreamName()).isEqualTo(stream);
    }

    /**
     * EventStoreDB's {@code ReadStreamForwards} fails the read with {@code RpcExceptions.StreamDeleted}; the
     * client's read path passes that status through without mapping it to {@code StreamDeletedException}.
     */
    @Test
    void readingATombstonedStreamFailsWithTheStreamDeletedStatus() throws Exception {
        String stream = streamName("tombstone");
        append(stream, ExpectedRevision.noStream(), numbered(0));
        client.tombstoneStream(stream).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        StatusRuntimeException error =
                failure(client.readStream(stream, ReadStreamOptions.get()), StatusRuntimeException.class);

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(error.getTrailers().get(Metadata.Key.of("exception", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("stream-deleted");
    }

    /** From the client's own {@code DeleteTests.testDeleteStreamWhenAlreadyDeleted}. */
    @Test
    void tombstoningATombstonedStreamFailsWithStreamDeleted() throws Exception {
        String stream = streamName("tombstone");
        append(stream, ExpectedRevision.noStream(), numbered(0));
        client.tombstoneStream(stream).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        failure(client.tombstoneStream(stream, DeleteStreamOptions.get()), StreamDeletedException.class);
    }

    /** From the client's own {@code DeleteTests.testDeleteStreamWhenDoesntExist}. */
    @Test
    void tombstoningAMissingStreamThatIsExpectedToExistFails() {
        failure(
                client.tombstoneStream(
                        streamName("tombstone"),
                        DeleteStreamOptions.get().expectedRevision(ExpectedRevision.streamExists())),
                WrongExpectedVersionException.class);
    }

    // ---- bad input ---------------------------------------------------------------------------------------

    @Test
    void anAppendOverTheMaximumSizeIsRefusedAndNothingIsWritten() throws Exception {
        String stream = streamName("oversized");
        EventData oversized = EventDataBuilder.binary(UUID.randomUUID(), "Big", new byte[(int) maxAppendSize() + 1])
                .build();

        StatusRuntimeException error = failure(
                client.appendToStream(stream, options(ExpectedRevision.any()), oversized),
                StatusRuntimeException.class);

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getTrailers().get(Metadata.Key.of("exception", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("maximum-append-size-exceeded");
        failure(client.readStream(stream, ReadStreamOptions.get()), StreamNotFoundException.class);
        assertThat(append(stream, ExpectedRevision.noStream(), numbered(0)).getNextExpectedRevision())
                .isEqualTo(ExpectedRevision.expectedRevision(0));
    }

    @Test
    void anAppendToAnEmptyStreamNameIsRefusedAndTheNodeKeepsServing() throws Exception {
        failure(client.appendToStream("", options(ExpectedRevision.any()), numbered(0)), StatusRuntimeException.class);

        assertThat(append(streamName("after-bad"), ExpectedRevision.noStream(), numbered(0))
                        .getLogPosition())
                .isNotNull();
    }

    @Test
    void malformedRequestsAreRefusedAndTheNodeKeepsServing() throws Exception {
        ManagedChannel channel =
                ManagedChannelBuilder.forAddress(host(), port()).usePlaintext().build();
        try {
            StreamsGrpc.StreamsBlockingStub blocking =
                    StreamsGrpc.newBlockingStub(channel).withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Iterator<ReadResp> noOptions = blocking.read(ReadReq.getDefaultInstance());
            assertThatFailsWithStatus(() -> noOptions.hasNext());

            CompletableFuture<AppendResp> eventsWithoutOptions = new CompletableFuture<>();
            StreamObserver<AppendReq> append = StreamsGrpc.newStub(channel)
                    .withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .append(completing(eventsWithoutOptions));
            append.onNext(AppendReq.newBuilder()
                    .setProposedMessage(proposedMessage(true))
                    .build());
            append.onCompleted();
            failure(eventsWithoutOptions, StatusRuntimeException.class);

            String stream = streamName("malformed");
            CompletableFuture<AppendResp> eventWithoutType = new CompletableFuture<>();
            StreamObserver<AppendReq> untyped = StreamsGrpc.newStub(channel)
                    .withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .append(completing(eventWithoutType));
            untyped.onNext(AppendReq.newBuilder()
                    .setOptions(AppendReq.Options.newBuilder()
                            .setStreamIdentifier(
                                    Shared.StreamIdentifier.newBuilder().setStreamName(ByteString.copyFromUtf8(stream)))
                            .setAny(Shared.Empty.getDefaultInstance()))
                    .build());
            untyped.onNext(AppendReq.newBuilder()
                    .setProposedMessage(proposedMessage(false))
                    .build());
            untyped.onCompleted();
            failure(eventWithoutType, StatusRuntimeException.class);

            failure(client.readStream(stream, ReadStreamOptions.get()), StreamNotFoundException.class);
        } finally {
            channel.shutdownNow().awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        assertThat(append(streamName("after-malformed"), ExpectedRevision.noStream(), numbered(0))
                        .getLogPosition())
                .isNotNull();
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    protected WriteResult append(String stream, ExpectedRevision expected, EventData... events) throws Exception {
        return client.appendToStream(stream, options(expected), events).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    protected ReadResult readStream(String stream) throws Exception {
        return client.readStream(stream, ReadStreamOptions.get()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    protected List<ResolvedEvent> readAll(ReadAllOptions options) throws Exception {
        return client.readAll(options).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getEvents();
    }

    private Subscription subscribeToStream(String stream, RecordingListener listener, SubscribeToStreamOptions options)
            throws Exception {
        return client.subscribeToStream(stream, listener, options).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private Subscription subscribeToAll(RecordingListener listener, SubscribeToAllOptions options) throws Exception {
        return client.subscribeToAll(listener, options).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static AppendToStreamOptions options(ExpectedRevision expected) {
        return AppendToStreamOptions.get().expectedRevision(expected);
    }

    private static List<Long> revisions(ReadResult result) {
        return result.getEvents().stream().map(e -> e.getEvent().getRevision()).toList();
    }

    private static Position position(ResolvedEvent event) {
        return event.getEvent().getPosition();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The cause a future failed with, which must be of {@code type}. */
    protected static <T extends Throwable> T failure(CompletableFuture<?> future, Class<T> type) {
        try {
            Object value = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return fail("Expected %s but the call succeeded with %s", type.getSimpleName(), value);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(type);
            return type.cast(e.getCause());
        } catch (Exception e) {
            return fail("Expected %s but got %s", type.getSimpleName(), e);
        }
    }

    private static void assertThatFailsWithStatus(Runnable call) {
        try {
            call.run();
            fail("Expected the call to fail with a gRPC status");
        } catch (StatusRuntimeException expected) {
            assertThat(expected.getStatus().getCode()).isNotEqualTo(Status.Code.OK);
        }
    }

    private static AppendReq.ProposedMessage proposedMessage(boolean withType) {
        AppendReq.ProposedMessage.Builder message = AppendReq.ProposedMessage.newBuilder()
                .setId(Shared.UUID.newBuilder().setString(UUID.randomUUID().toString()))
                .putMetadata("content-type", "application/json")
                .setData(ByteString.copyFromUtf8("{}"));
        if (withType) {
            message.putMetadata("type", "Typed");
        }
        return message.build();
    }

    private static <T> StreamObserver<T> completing(CompletableFuture<T> future) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                future.complete(value);
            }

            @Override
            public void onError(Throwable error) {
                future.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                future.complete(null);
            }
        };
    }

    protected static Duration timeout() {
        return Duration.ofSeconds(TIMEOUT_SECONDS);
    }
}
