package dev.ledgerloop.bench.peer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ledgerloop.service.events.AggregateRepositories;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;

/**
 * The peer: Axon's stock {@link JdbcEventStorageEngine} and {@link JdbcTokenStore} on a {@link ThrowawayPostgres},
 * their tables created by Axon's PostgreSQL table factories, through a HikariCP pool of auto-commit connections (no
 * transaction manager: each append is one INSERT committed on its own, each token update likewise). Events and tokens
 * are serialized with Axon's Jackson serializer. The processor reads through Axon's embedded event store, which wakes
 * its reader when a local append commits.
 */
final class JdbcPeer implements EngineUnderTest {
    private static final int POOL_SIZE = 24;

    private final ThrowawayPostgres postgres;
    private final HikariDataSource dataSource;
    private final Configuration axon;
    private final String serverSettings;
    private final long postmasterPid;
    private final TokenStore tokens;

    private JdbcPeer(
            ThrowawayPostgres postgres,
            HikariDataSource dataSource,
            Configuration axon,
            String serverSettings,
            TokenStore tokens)
            throws IOException {
        this.tokens = tokens;
        this.postgres = postgres;
        this.dataSource = dataSource;
        this.axon = axon;
        this.serverSettings = serverSettings;
        this.postmasterPid = postgres.postmasterPid();
    }

    static JdbcPeer start(Path pgBin, Path parent, Serializer serializer, boolean stockTokens, MessageCounter counter)
            throws Exception {
        ThrowawayPostgres postgres = ThrowawayPostgres.start(pgBin, parent);
        HikariDataSource dataSource = null;
        try {
            HikariConfig pool = new HikariConfig();
            pool.setJdbcUrl(postgres.jdbcUrl());
            pool.setUsername(ThrowawayPostgres.USER);
            pool.setMaximumPoolSize(POOL_SIZE);
            pool.setAutoCommit(true);
            dataSource = new HikariDataSource(pool);
            ConnectionProvider connections =
                    new UnitOfWorkAwareConnectionProviderWrapper(new DataSourceConnectionProvider(dataSource));
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(connections)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
            engine.createSchema(PostgresEventTableFactory.INSTANCE);
            JdbcTokenStore tokenStore = JdbcTokenStore.builder()
                    .connectionProvider(connections)
                    .serializer(serializer)
                    .build();
            tokenStore.createSchema(PostgresTokenTableFactory.INSTANCE);
            TokenStore tokens = stockTokens ? tokenStore : new InMemoryTokenStore();
            Configuration axon = BenchAxon.start(
                    serializer,
                    c -> engine,
                    c -> EventSourcingRepository.builder(BenchSession.class)
                            .eventStore(c.eventStore())
                            .cache(AggregateRepositories.cache())
                            .build(),
                    c -> c.eventStore(),
                    tokens,
                    counter);
            return new JdbcPeer(postgres, dataSource, axon, serverSettings(dataSource), tokens);
        } catch (Exception | Error e) {
            if (dataSource != null) {
                dataSource.close();
            }
            postgres.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "peer";
    }

    @Override
    public String description() {
        return "Axon JdbcEventStorageEngine + " + tokens.getClass().getSimpleName() + ", PostgreSQL " + serverSettings
                + ", HikariCP pool of " + POOL_SIZE + " auto-commit connections, Jackson serializer, data in "
                + postgres.dataDirectory();
    }

    @Override
    public Configuration axon() {
        return axon;
    }

    @Override
    public long externalCpuNanos() {
        return ProcessCpu.ofTree(postmasterPid);
    }

    @Override
    public void close() {
        try {
            axon.shutdown();
        } finally {
            dataSource.close();
            postgres.close();
        }
    }

    private static String serverSettings(HikariDataSource dataSource) throws SQLException {
        List<String> settings = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String name : List.of(
                    "server_version",
                    "fsync",
                    "synchronous_commit",
                    "wal_sync_method",
                    "full_page_writes",
                    "shared_buffers")) {
                try (ResultSet result = statement.executeQuery("SHOW " + name)) {
                    result.next();
                    settings.add(name + "=" + result.getString(1));
                }
            }
        }
        return String.join(" ", settings);
    }
}
