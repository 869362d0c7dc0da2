package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;
import static dev.ledgerloop.bench.BenchArgs.stringArg;
import static dev.ledgerloop.bench.SampleEnvelopes.base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SenderType;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Rebuild of every view from the log (docs/replay.md §Rebuild): appends {@code events} session events (opened, a
 * participant, messages that wait for an answer, edits), waits until every processor has caught up, then rebuilds
 * {@code all} through the admin API and prints events/s as the rebuild reports it. Arguments {@code name=value}:
 * {@code events} (100000), {@code rebuilds} (2; the first warms the JIT), {@code data} and {@code key} (a data
 * directory with a log to reuse, and its bootstrap key; it is kept).
 */
public final class RebuildBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS_PER_SESSION = 50;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String key;

    private RebuildBenchmark(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int events = intArg(args, "events", 100_000);
        int rebuilds = intArg(args, "rebuilds", 2);
        String reuse = stringArg(args, "data");
        Path data = reuse == null ? Files.createTempDirectory("ledgerloop-rebuild-bench-") : Path.of(reuse);
        try (LedgerloopSystem system =
                LedgerloopSystem.start(data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false))) {
            String key = system.secrets().bootstrapKeyOnce();
            if (key == null) {
                key = stringArg(args, "key");
            }
            RebuildBenchmark bench = new RebuildBenchmark("http://localhost:" + system.gatewayPort(), key);
            System.out.printf(
                    "Rebuild of all views (%d processors)%n",
                    Runtime.getRuntime().availableProcessors());
            if (reuse == null) {
                long started = System.nanoTime();
                long written = write(system, events);
                System.out.printf(
                        "appended %,d events in %.1f s (data in %s)%n",
                        written, (System.nanoTime() - started) / 1e9, data);
            }
            bench.awaitCaughtUp();
            for (int i = 1; i <= rebuilds; i++) {
                JsonNode done = bench.rebuildAll();
                double seconds = java.time.Duration.between(
                                        java.time.Instant.parse(
                                                done.get("startedAt").asText()),
                                        java.time.Instant.parse(
                                                done.get("finishedAt").asText()))
                                .toMillis()
                        / 1000.0;
                System.out.printf(
                        "rebuild %d of all (%d views): %s, %,d events in %.2f s = %,.0f events/s%n",
                        i,
                        done.get("views").size(),
                        done.get("status").asText(),
                        done.get("eventsDone").asLong(),
                        seconds,
                        done.get("eventsDone").asLong() / seconds);
                bench.awaitCaughtUp();
            }
        } finally {
            if (reuse == null) {
                try (Stream<Path> files = Files.walk(data)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    /**
     * Sessions of {@value #EVENTS_PER_SESSION} events each (opened, a participant, messages that wait for an answer,
     * every tenth message edited), appended through the command side's storage engine: the same encrypting, chaining
     * codec as commands use, one append per session, without the HTTP round trips that would make writing 100,000
     * events take minutes.
     */
    private static long write(LedgerloopSystem system, int events) {
        EventStoreDbStorageEngine engine = system.backendContexts().get(0).getBean(EventStoreDbStorageEngine.class);
        UUID agent = system.secrets().agentId();
        MetaData metaData = EventContext.system(system.secrets().spaceId(), "rebuild-benchmark");
        long written = 0;
        while (written < events) {
            UUID session = UUID.randomUUID();
            List<Object> payloads = new ArrayList<>();
            payloads.add(new SessionOpened(session, agent, null, false, null));
            payloads.add(new ParticipantAdded(session, "alice", ParticipantRole.member));
            UUID lastMessage = null;
            while (payloads.size() < EVENTS_PER_SESSION) {
                if (payloads.size() % 10 == 9 && lastMessage != null) {
                    payloads.add(new MessageEdited(session, lastMessage, envelopeRecord(), null));
                } else {
                    lastMessage = UUID.randomUUID();
                    payloads.add(new MessageSent(
                            session,
                            lastMessage,
                            SenderType.Agent,
                            agent,
                            null,
                            envelopeRecord(),
                            null,
                            true,
                            Priority.Medium,
                            null,
                            null));
                }
            }
            List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
            for (int sequence = 0; sequence < payloads.size(); sequence++) {
                messages.add(new GenericDomainEventMessage<>(
                        "Session", session.toString(), sequence, payloads.get(sequence), metaData));
            }
            engine.appendEvents(messages);
            written += messages.size();
        }
        return written;
    }

    private void awaitCaughtUp() throws Exception {
        while (true) {
            JsonNode listing =
                    JSON.readTree(send("GET", "/v1/admin/projections", null).body());
            boolean caughtUp = true;
            for (JsonNode processor : listing.get("data")) {
                caughtUp &= processor.at("/lag/events").asLong() == 0;
            }
            if (caughtUp) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private JsonNode rebuildAll() throws Exception {
        HttpResponse<String> started = send("POST", "/v1/admin/projections/all/rebuild", "");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("The rebuild answered " + started.statusCode() + ": " + started.body());
        }
        while (true) {
            HttpResponse<String> listing = send("GET", "/v1/admin/projections", null);
            JsonNode rebuild =
                    listing.statusCode() == 200 ? JSON.readTree(listing.body()).get("rebuild") : null;
            if (rebuild == null) {
                // The switch-over pauses the embedded MongoDB while it copies the views: the listing may time out.
                System.out.printf("  listing answered %d, asking again%n", listing.statusCode());
                Thread.sleep(1_000);
                continue;
            }
            String status = rebuild.get("status").asText();
            if (status.equals("succeeded") || status.equals("failed")) {
                return rebuild;
            }
            System.out.printf(
                    "  %s: %,d/%,d events, %,d events/s, ETA %s s%n",
                    status,
                    rebuild.get("eventsDone").asLong(),
                    rebuild.get("eventsTotal").asLong(),
                    rebuild.get("eventsPerSecond").asLong(),
                    rebuild.get("etaSeconds").asText());
            Thread.sleep(1_000);
        }
    }

    private static String idOf(String body) {
        try {
            return JSON.readTree(body).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static EncryptedEnvelope envelopeRecord() {
        return new EncryptedEnvelope(
                EncryptedEnvelope.VERSION,
                EncryptedEnvelope.ALGORITHM,
                base64(12 + 200 + 16),
                List.of(new Wrapping("human-1", base64(32), base64(60))));
    }
}
