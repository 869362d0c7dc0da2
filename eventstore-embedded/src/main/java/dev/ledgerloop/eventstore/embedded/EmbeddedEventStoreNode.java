package dev.ledgerloop.eventstore.embedded;

import dev.ledgerloop.eventstore.embedded.grpc.ServerFeaturesService;
import dev.ledgerloop.eventstore.embedded.grpc.StreamsService;
import dev.ledgerloop.eventstore.embedded.store.StreamDatabase;
import dev.ledgerloop.eventstore.embedded.store.StreamDatabaseSettings;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single EventStoreDB-protocol node in this JVM: the file-backed store behind a plain-text gRPC server that the
 * official client reaches at {@link #connectionString()}.
 */
public final class EmbeddedEventStoreNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedEventStoreNode.class);

    private final StreamDatabase store;
    private final ExecutorService readers;
    private final Server server;

    private EmbeddedEventStoreNode(StreamDatabase store, ExecutorService readers, Server server) {
        this.store = store;
        this.readers = readers;
        this.server = server;
    }

    public static EmbeddedEventStoreNode start(NodeSettings settings) {
        StreamDatabase store = StreamDatabase.open(
                new StreamDatabaseSettings(settings.dataDirectory(), settings.segmentSize(), Clock.systemUTC()));
        ExecutorService readers = Executors.newFixedThreadPool(
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), namedThreads("eventstore-reader-"));
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
                .addService(new StreamsService(store, readers, settings.maxAppendSize()))
                .addService(new ServerFeaturesService())
                // The handlers never block (appends go to the writer's queue, reads to the readers' pool), so they run
                // on the transport's threads instead of being handed to gRPC's default pool first.
                .directExecutor()
                // Each event is one message of the append stream: leave room above the limit so that an oversized
                // append is answered with EventStoreDB's own error rather than a transport one.
                .maxInboundMessageSize((int) settings.maxAppendSize() + 1024 * 1024)
                // db-client-java pings every 10 s by default; Netty's default policy (5 min) would answer GOAWAY.
                .permitKeepAliveTime(1, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            readers.shutdownNow();
            store.close();
            throw new UncheckedIOException("Cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        EmbeddedEventStoreNode node = new EmbeddedEventStoreNode(store, readers, server);
        log.info(
                "EventStoreDB-protocol node listening on {} (data in {})",
                node.connectionString(),
                settings.dataDirectory());
        return node;
    }

    /** Writes answered and fsyncs taken since start (group commit shares one fsync among concurrent writes). */
    public StreamDatabase.WriteStats writeStats() {
        return store.writeStats();
    }

    public int port() {
        return server.getPort();
    }

    /** The connection string for db-client-java: a single node, plain text. */
    public String connectionString() {
        return "esdb://localhost:" + port() + "?tls=false";
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readers.shutdownNow();
        store.close();
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
