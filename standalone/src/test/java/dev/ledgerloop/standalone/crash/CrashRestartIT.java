package dev.ledgerloop.standalone.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledgerloop.eventstore.embedded.log.SegmentedLog;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.StandaloneProcess;
import dev.ledgerloop.standalone.webhook.WebhookReceiver;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system killed with SIGKILL under mixed load, again and again, on one data directory: the executable jar
 * in a child JVM, several client threads (sessions, messages, questions with deadlines a few seconds out, a human's
 * messages and answers) and a webhook endpoint on a receiver in this JVM. The kill comes after a random number of
 * acknowledged writes (seeded; the seed is printed), with requests in flight. After every restart {@link
 * CrashInvariants} must hold for everything acknowledged before any kill.
 *
 * <p>System properties for longer runs (see docs/testing.md): {@code ledgerloop.crash.seed}, {@code
 * ledgerloop.crash.kills} (5), {@code ledgerloop.crash.clients} (4), {@code ledgerloop.crash.minWrites} (20) and
 * {@code ledgerloop.crash.maxWrites} (80): acknowledged writes per round before the kill.
 */
class CrashRestartIT {
    private static final long SEED = Long.getLong("ledgerloop.crash.seed", System.nanoTime());
    private static final int KILLS = Integer.getInteger("ledgerloop.crash.kills", 5);
    private static final int CLIENTS = Integer.getInteger("ledgerloop.crash.clients", 4);
    private static final int MIN_WRITES = Integer.getInteger("ledgerloop.crash.minWrites", 20);
    private static final int MAX_WRITES = Integer.getInteger("ledgerloop.crash.maxWrites", 80);
    private static final Duration START = Duration.ofMinutes(3);
    /**
     * The child JVM: C1 only and the serial collector start the three Spring contexts faster on two cores; a short
     * webhook retry schedule, and no rate limit between the clients and the gateway.
     */
    private static final List<String> CHILD_JVM = Stream.concat(
                    Stream.of(System.getProperty(
                                    "ledgerloop.crash.jvmOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
                            .split("\\s+")),
                    Stream.of(
                            "-Dledgerloop.webhooks.retry-schedule=0s" + ",300ms".repeat(20),
                            "-Dledgerloop.webhooks.jitter=0",
                            "-Dledgerloop.gateway.rate-limit.enabled=false"))
            .toList();
    /** The receiver fails every fifth request to its path, so that deliveries are also retried. */
    private static final WebhookReceiver.Behaviour RECEIVER = n -> n % 5 == 0 ? 500 : 200;

    /** Kept when the test fails: the system's log is in {@code logs/ledgerloop.log}. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path data;

    private StandaloneProcess system;

    @Test
    void acknowledged_writes_webhooks_and_deadlines_survive_repeated_sigkill_under_load() throws Exception {
        report(
                "seed %d (-Dledgerloop.crash.seed=%d), %d kills, %d clients, %d-%d writes a round, data in %s",
                SEED, SEED, KILLS, CLIENTS, MIN_WRITES, MAX_WRITES, data);
        Random random = new Random(SEED);
        Ledger ledger = new Ledger();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            system = StandaloneProcess.start(data, CHILD_JVM, START);
            String key = system.printedKey();
            assertThat(key).as("the key printed by the first start").isNotNull();
            String human = StandaloneProcess.mintToken(data, MixedLoad.HUMAN);
            String secret = Api.gateway(system.port())
                    .withKey(key)
                    .post(
                            "/v1/admin/webhooks",
                            "{\"url\":\"" + receiver.url("/crash", RECEIVER) + "\",\"eventTypes\":[\"session.*\"]}")
                    .expect(201)
                    .body()
                    .get("secret")
                    .asText();
            for (int round = 1; round <= KILLS; round++) {
                Api agent = Api.gateway(system.port()).withKey(key).withTimeout(Duration.ofSeconds(20));
                MixedLoad load = new MixedLoad(
                        agent, Api.gateway(system.port()).withToken(human).withTimeout(Duration.ofSeconds(20)), ledger);
                int writes = MIN_WRITES + random.nextInt(MAX_WRITES - MIN_WRITES + 1);
                load.start(CLIENTS, random.nextLong());
                await().atMost(Duration.ofMinutes(2)).until(() -> load.acknowledged() >= writes);
                system.kill();
                load.stop();
                report(
                        "round %d: killed pid %d after %d acknowledged writes (%d requests unanswered)",
                        round, system.pid(), load.acknowledged(), load.unanswered());

                system = StandaloneProcess.start(data, CHILD_JVM, START);
                report("round %d: restarted as pid %d", round, system.pid());
                Api owner = Api.gateway(system.port()).withKey(key);
                try {
                    new CrashInvariants(owner, system.eventStore(), receiver, secret).check(ledger, "/crash");
                } catch (Throwable failure) {
                    report("round %d failed; parked events: %s", round, parked(owner));
                    throw failure;
                }
                report(
                        "round %d: every invariant holds for %d sessions, %d acknowledged writes",
                        round, ledger.sessions().size(), ledger.acknowledgedWrites());
            }
            system.stop();
        }
        aDamagedRecordBeforeOthersStopsTheNextStart();
    }

    /**
     * The embedded node's recovery rule at the scale of the whole jar: one byte changed in a record that other
     * records follow is damage to acknowledged data, not a torn write; the start is refused, naming file and offset.
     */
    private void aDamagedRecordBeforeOthersStopsTheNextStart() throws Exception {
        Path segment;
        try (Stream<Path> files = Files.list(data.resolve("eventstore"))) {
            segment = files.filter(file -> file.getFileName().toString().endsWith(".seg"))
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
        }
        byte[] before = Files.readAllBytes(segment);
        long offset = middleFrame(before);
        byte[] damaged = before.clone();
        damaged[(int) offset + SegmentedLog.FRAME_HEADER_BYTES + 1] ^= 0x5A;
        Files.write(segment, damaged);

        StandaloneProcess.Refusal refusal = StandaloneProcess.startExpectingRefusal(data, START);

        assertThat(refusal.exitStatus())
                .as("exit status; console:%n%s", refusal.console())
                .isEqualTo(1);
        assertThat(refusal.console())
                .contains("Ledgerloop did not start")
                .contains(segment.toAbsolutePath().toString())
                .contains("offset " + offset + " ");
        assertThat(Files.readAllBytes(segment))
                .as("the damaged segment, untouched")
                .isEqualTo(damaged);
        report("a damaged record at offset %d of %s stopped the start", offset, segment.getFileName());
    }

    /** The offset of the frame in the middle of a segment: {@code [int length][int crc][payload]} frames. */
    private static long middleFrame(byte[] segment) {
        List<Integer> frames = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(segment);
        for (int offset = 0; offset + SegmentedLog.FRAME_HEADER_BYTES <= segment.length; ) {
            frames.add(offset);
            offset += SegmentedLog.FRAME_HEADER_BYTES + (buffer.getInt(offset) & 0x7fff_ffff);
        }
        assertThat(frames).as("frames in the head segment").hasSizeGreaterThan(10);
        return frames.get(frames.size() / 2);
    }

    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        if (system != null) {
            system.kill();
        }
    }

    private final long began = System.nanoTime();

    /** Processor, stream and cause of each parked event: the first thing to look at when a view or delivery lags. */
    private static List<String> parked(Api owner) throws Exception {
        List<String> parked = new ArrayList<>();
        owner.get("/v1/admin/parked-events?limit=100")
                .data()
                .forEach(letter -> parked.add(letter.get("processor").asText() + " "
                        + letter.get("stream").asText() + ": "
                        + letter.at("/cause/message").asText()));
        return parked;
    }

    private void report(String format, Object... arguments) {
        System.out.printf(
                "CrashRestartIT %5.1fs: %s%n", (System.nanoTime() - began) / 1e9, String.format(format, arguments));
    }
}
