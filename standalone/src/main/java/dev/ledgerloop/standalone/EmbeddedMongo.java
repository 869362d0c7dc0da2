package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-protocol server for the embedded default: mongo-java-server with its H2 (MVStore) file backend, so
 * the read models survive a restart. The services reach it with the real MongoDB driver over the wire.
 */
public final class EmbeddedMongo implements AutoCloseable {
    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(H2Backend backend, MongoServer server, InetSocketAddress address) {
        this.backend = backend;
        this.server = server;
        this.address = address;
    }

    /** Starts on {@code host:port} (port 0: any free one) with its data in {@code file}. */
    public static EmbeddedMongo start(Path file, String host, int port) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        InetSocketAddress address = server.getLocalAddress();
        return new EmbeddedMongo(backend, server, address);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
