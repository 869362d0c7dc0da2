package dev.ledgerloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Memory of the standalone system after loading many events: appends {@code events} events in {@code sessions}
 * sessions through the command side's storage engine ({@link SessionAppender}; each session opened, with one to three
 * of a thousand humans, agent messages, some of them questions, most of those answered, human messages, some
 * messages edited), waits until every processor has caught up, runs a light steady load of sends (one request at a
 * time, for {@code steadySeconds}), then forces full collections and prints heap, old generation, non-heap and
 * resident set size, and the classes that hold the most heap. Arguments {@code name=value}: {@code events} (1000000),
 * {@code sessions} (50000), {@code steadySeconds} (30), {@code data} (a directory to keep the loaded system in: a
 * later run with the same {@code data} measures it without loading again).
 */
public final class MemoryBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HUMANS = 1_000;
    private static final int STEADY_IN_FLIGHT = 1;
    private static final int STEADY_SESSIONS = 20;
    private static final int FULL_COLLECTIONS = 5;
    private static final int HISTOGRAM_CLASSES = 15;

    private MemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        Settings settings = new Settings(args);
        int events = settings.intArg("events", 1_000_000);
        int sessions = settings.intArg("sessions", 50_000);
        int steadySeconds = settings.intArg("steadySeconds", 30);
        String kept = settings.stringArg("data", "(a temporary directory)");
        Path data = LoadedLog.directory(kept, "ledgerloop-memory-bench-");
        LoadedLog loaded = LoadedLog.readFrom(data);
        try (LedgerloopSystem system =
                LedgerloopSystem.start(data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false))) {
            System.out.printf(
                    "Memory after loading events (%d processors): %s%n",
                    Runtime.getRuntime().availableProcessors(), settings);
            if (loaded == null) {
                String key = LoadedLog.keyOfFresh(system, data);
                loaded = load(system, events, sessions, key);
                if (kept != null) {
                    loaded.writeTo(data);
                }
            } else {
                System.out.printf(
                        "reusing the %,d events in %,d sessions an earlier run loaded (events= and sessions= left"
                                + " aside)%n",
                        loaded.events(), loaded.sessions());
            }
            GatewayClient agent = new GatewayClient("http://localhost:" + system.gatewayPort(), loaded.key());
            double caughtUp = new ProcessorLag(agent).awaitCaughtUp(ProcessorLag.catchUpBound(loaded.events()), true);
            System.out.printf("every processor had caught up %.1f s later%n", caughtUp);

            MessageSendLoad.Result steady =
                    MessageSendLoad.run(agent, someSessions(agent), steadySeconds, STEADY_IN_FLIGHT);
            System.out.println("steady load: " + steady.summary());

            HeapReport.collect(FULL_COLLECTIONS);
            HeapReport.print(FULL_COLLECTIONS);
            System.out.printf(
                    "with %,d events in %,d sessions, loaded in %.1f s (the issue's target: heap <= 512 MiB with"
                            + " 1,000,000 events and 50,000 sessions)%n",
                    loaded.events(), loaded.sessions(), loaded.loadSeconds());
            System.out.printf(
                    "on disk: event log %,.1f MiB, MongoDB %,.1f MiB%n",
                    mebibytes(data.resolve("eventstore")), mebibytes(data.resolve("mongo")));
            ClassHistogram.printTop(HISTOGRAM_CLASSES);
        } finally {
            if (kept == null) {
                TemporaryDirectories.deleteRecursively(data);
            }
        }
    }

    private static double mebibytes(Path directory) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
            long bytes = 0;
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                bytes += Files.size(file);
            }
            return bytes / (1024.0 * 1024.0);
        }
    }

    private static LoadedLog load(LedgerloopSystem system, int events, int sessions, String key) {
        SessionAppender appender = new SessionAppender(system, "memory-benchmark");
        Random random = new Random(42);
        for (int i = 0; i < sessions; i++) {
            // The remainder goes to the first sessions: events in all, as evenly as whole sessions allow.
            int size = events / sessions + (i < events % sessions ? 1 : 0);
            appender.append(variedSession(appender.agent(), size, random));
        }
        System.out.printf(
                "loaded %,d events into %,d sessions in %.1f s: %,.0f events/s%n",
                appender.events(), sessions, appender.seconds(), appender.events() / appender.seconds());
        return new LoadedLog(appender.events(), sessions, appender.seconds(), key);
    }

    /** A session of {@code size} events whose participants and mix of messages differ from the next one's. */
    private static SessionEvents variedSession(UUID agent, int size, Random random) {
        SessionEvents session = SessionEvents.opened(agent);
        List<String> participants = new ArrayList<>();
        int first = random.nextInt(HUMANS);
        for (int k = 0, count = 1 + random.nextInt(3); k < count && session.size() < size; k++) {
            participants.add("user-" + (first + k) % HUMANS);
            session.participant(participants.get(k));
        }
        while (session.size() < size) {
            int pick = random.nextInt(100);
            String someone = participants.get(random.nextInt(participants.size()));
            if (pick < 8 && session.hasAgentMessage()) {
                session.editLastAgentMessage();
            } else if (pick < 40 && session.hasOpenQuestion()) {
                session.answerOpenQuestion(someone);
            } else if (pick < 55) {
                session.humanMessage(someone);
            } else {
                session.agentMessage(random.nextInt(3) == 0);
            }
        }
        return session;
    }

    /** The first page of the agent's sessions: where the steady load sends. */
    private static List<String> someSessions(GatewayClient agent) throws Exception {
        JsonNode page =
                JSON.readTree(GatewayClient.expect(200, agent.get("/v1/agent/sessions?pageSize=" + STEADY_SESSIONS))
                        .body());
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(session -> ids.add(session.path("id").asText()));
        if (ids.isEmpty()) {
            throw new IllegalStateException("The agent has no session to send to");
        }
        return ids;
    }
}
