package dev.ledgerloop.bench;

import dev.ledgerloop.bench.peer.AppendFloorBenchmark;
import dev.ledgerloop.bench.peer.PeerBenchmark;
import java.util.Arrays;

/**
 * Entry point of {@code bench.jar}: {@code java -jar bench/target/bench.jar} runs the event store benchmark; {@code
 * java -jar bench/target/bench.jar sessions} runs the session API load tool, {@code webhooks} the webhook delivery load
 * tool, {@code webhook-soak} writes next to many webhook endpoints (and fails when a create took over 1 s or a delivery
 * is missing), {@code history} asks a session of 1,000 events for its history, {@code rebuild} rebuilds every view from
 * a log of 100,000 events, {@code log-proofs} asks for proofs of a large verifiable log, {@code evidence} exports a
 * session's evidence bundle and verifies it offline, {@code verify} verifies a kept bundle offline, {@code fuzz} fuzzes
 * the whole public API, {@code stream} measures the live event stream, {@code peer} compares our Axon storage engine on
 * our node with Axon's JDBC engine on PostgreSQL, {@code append-floor} takes one durable append at 1 in flight apart
 * (disk, transport, node, client) next to the peer's INSERT, {@code mixed} runs sends, answers and awaits at once,
 * {@code memory} measures the heap after loading 1,000,000 events, {@code embedded-lookups} times look-ups on the
 * embedded MongoDB (webhook schedule, timeline) as collections grow.
 */
public final class BenchMain {
    private static final String USAGE =
            """
            Usage: java -jar bench.jar [BENCHMARK] [name=value ...]
              (none)            the event store benchmark
              sessions          send-message requests through the gateway of the whole system
              mixed             sends, answers and awaits at once
              webhooks          a webhook burst and a steady rate to a local receiver
              webhook-soak      writes next to many webhook endpoints
              rebuild           rebuilds every view from a log of 100,000 events
              rebuild-floor     what a rebuild pays before any view computes: reading, handler look-ups, one write
              history           the history of a session of 1,000 events
              log-proofs        proofs of a large verifiable log
              evidence          a session's evidence bundle exported and verified offline
              verify            a kept evidence bundle verified offline
              stream            the live event stream
              peer              our storage engine against Axon's JDBC engine on PostgreSQL
              append-floor      one durable append at 1 in flight taken apart, next to the peer's INSERT
              memory            the heap after loading 1,000,000 events
              embedded-lookups  look-ups on the embedded MongoDB as collections grow
              fuzz              the whole public API fuzzed
            Each benchmark's settings and their defaults: README.md, "Benchmarks".
            """;

    private BenchMain() {}

    public static void main(String[] args) {
        // Axon's janitor thread is not a daemon and outlives the stopped system: exit once the figures are printed,
        // and after a failure too, or a failed run holds whatever it waits on (a benchmark lock) for ever.
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (args.length > 0 ? args[0] : "") {
            case "sessions" -> SessionApiBenchmark.main(rest);
            case "webhooks" -> WebhookBenchmark.main(rest);
            case "rebuild" -> RebuildBenchmark.main(rest);
            case "rebuild-floor" -> RebuildFloorBenchmark.main(rest);
            case "history" -> HistoryBenchmark.main(rest);
            case "log-proofs" -> LogProofBenchmark.main(rest);
            case "evidence" -> EvidenceBenchmark.main(rest);
            case "verify" -> VerifyBenchmark.main(rest);
            case "fuzz" -> FuzzBenchmark.main(rest);
            case "stream" -> StreamBenchmark.main(rest);
            case "peer" -> PeerBenchmark.main(rest);
            case "append-floor" -> AppendFloorBenchmark.main(rest);
            case "webhook-soak" -> WebhookSoakBenchmark.main(rest);
            case "mixed" -> MixedBenchmark.main(rest);
            case "memory" -> MemoryBenchmark.main(rest);
            case "embedded-lookups" -> EmbeddedLookupBenchmark.main(rest);
            case "help", "--help", "-h" -> System.out.print(USAGE);
            default -> EventStoreBenchmark.main(args);
        }
    }
}
