package dev.ledgerloop.bench;

import dev.ledgerloop.bench.peer.PeerBenchmark;
import java.util.Arrays;

/**
 * Entry point of {@code bench.jar}: {@code java -jar bench/target/bench.jar} runs the event store benchmark;
 * {@code java -jar bench/target/bench.jar sessions} runs the session API load tool, {@code webhooks} the webhook
 * delivery load tool, {@code webhook-soak} writes next to many webhook endpoints, {@code history} asks a
 * session of 1,000 events for its history, {@code rebuild} rebuilds every view from a log of 100,000 events,
 * {@code log-proofs} asks for proofs of a large verifiable log, {@code evidence} exports a session's evidence bundle
 * and verifies it offline, {@code verify} verifies a kept bundle offline, {@code fuzz} fuzzes the whole public API, {@code stream} measures the live event stream,
 * {@code peer} compares our Axon storage engine on our node with Axon's JDBC engine on PostgreSQL.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sessions")) {
            SessionApiBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("webhooks")) {
            WebhookBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("rebuild")) {
            RebuildBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("history")) {
            HistoryBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("log-proofs")) {
            LogProofBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("evidence")) {
            EvidenceBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("verify")) {
            VerifyBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("fuzz")) {
            FuzzBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("stream")) {
            StreamBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("peer")) {
            PeerBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("webhook-soak")) {
            WebhookSoakBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            EventStoreBenchmark.main(args);
        }
        // Axon's janitor thread is not a daemon and outlives the stopped system: the figures are printed, so exit.
        System.exit(0);
    }
}
