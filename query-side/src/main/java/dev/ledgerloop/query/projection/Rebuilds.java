package dev.ledgerloop.query.projection;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.query.inprocess.InProcessInserts;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.parking.ParkedEvents;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Rebuilds of the query side's views, one at a time on a thread of their own (docs/replay.md §Rebuild). Keeps the
 * last one, finished or not, for the status listing.
 */
public final class Rebuilds implements AutoCloseable {
    /** The name that rebuilds every view in one pass over the log. */
    public static final String ALL = "all";
    /**
     * Threads the views of a rebuild are replayed on: twice the cores, since each view spends much of its time waiting
     * for MongoDB's answer to a write, and the server's own threads need the cores meanwhile.
     */
    private static final int VIEW_THREADS = 2 * Runtime.getRuntime().availableProcessors();

    private final Map<String, Projection> projections;
    private final MongoDatabase database;
    private final EventStoreDbStorageEngine eventLog;
    private final ParkedEvents parked;
    private final LiveProcessors live;
    private final TokenPositions tokens;
    private final Clock clock;
    private final RebuildSettings settings;
    private final InProcessInserts inserts;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService replayThreads = Executors.newFixedThreadPool(VIEW_THREADS, viewThreads());
    private Rebuild latest;

    Rebuilds(
            List<Projection> projections,
            MongoDatabase database,
            EventStoreDbStorageEngine eventLog,
            ParkedEvents parked,
            Supplier<EventProcessingConfiguration> processing,
            Clock clock,
            RebuildSettings settings,
            InProcessInserts inserts) {
        this.projections = projections.stream()
                .collect(Collectors.toMap(Projection::name, Function.identity(), (a, b) -> a, TreeMap::new));
        this.database = database;
        this.eventLog = eventLog;
        this.parked = parked;
        this.live = new LiveProcessors(processing);
        this.tokens = new TokenPositions(database);
        this.clock = clock;
        this.settings = settings;
        this.inserts = inserts;
    }

    private static CustomizableThreadFactory viewThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("projection-rebuild-view-");
        threads.setDaemon(true);
        return threads;
    }

    /** The views that can be rebuilt, by name. */
    public List<String> names() {
        return List.copyOf(projections.keySet());
    }

    /**
     * Starts rebuilding {@code name} ({@link #ALL}: every view) and answers its progress.
     *
     * @throws ApiException NOT_FOUND for a name that is no view
     * @throws RebuildRunning while another rebuild runs
     */
    public synchronized RebuildProgress start(String name) {
        List<Projection> chosen = chosen(name);
        if (latest != null && !latest.progress().finished()) {
            throw new RebuildRunning(latest.progress());
        }
        List<String> views = chosen.stream().map(Projection::name).toList();
        List<String> collections =
                chosen.stream().flatMap(p -> p.collections().stream()).toList();
        FreshCollections fresh = new FreshCollections(database, collections, replayThreads, inserts);
        latest = new Rebuild(
                name,
                views,
                fresh,
                target -> ReplayHandlers.of(chosen, target, parked, replayThreads),
                settings,
                eventLog,
                live,
                tokens,
                clock);
        runner.execute(latest);
        return latest.progress();
    }

    /** The running rebuild, or the last one. */
    public synchronized Optional<RebuildProgress> latest() {
        return Optional.ofNullable(latest).map(Rebuild::progress);
    }

    synchronized boolean isRebuilding(String view) {
        return latest != null && !latest.progress().finished() && latest.views().contains(view);
    }

    LiveProcessors live() {
        return live;
    }

    TokenPositions tokens() {
        return tokens;
    }

    private List<Projection> chosen(String name) {
        if (ALL.equals(name)) {
            return projections.values().stream()
                    .sorted(Comparator.comparing(Projection::name))
                    .toList();
        }
        Projection projection = projections.get(name);
        if (projection == null) {
            throw ApiException.notFound(
                    "No view named '" + name + "'; views: " + String.join(", ", names()) + ", or 'all'");
        }
        return List.of(projection);
    }

    @Override
    public void close() {
        runner.shutdownNow();
        replayThreads.shutdownNow();
    }

    /** A rebuild was asked for while one runs; carries the running one's progress. */
    public static final class RebuildRunning extends RuntimeException {
        private final RebuildProgress running;

        RebuildRunning(RebuildProgress running) {
            super("A rebuild of " + running.target() + " is running", null, false, false);
            this.running = running;
        }

        public RebuildProgress running() {
            return running;
        }
    }
}
