package dev.ledgerloop.bench;

import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A mixed load through the gateway of the standalone system ({@link MixedLoad}): the agent's sends, some of them
 * questions for a human, the human's answers, the agent's awaits for them and its acknowledgements, all at once. Prints
 * requests/s and latency p50/p99/max per kind, the errors (non-2xx) per kind, and the delay from the moment the
 * answering client has an answer's 201 to the moment the agent's await returns with that answer (both on this JVM's
 * clock). Arguments {@code name=value}: {@code seconds} (20), {@code warmup} (60: seconds of the same load first, not
 * counted, and then more until the JIT compiler is mostly done, see {@link JitWarmup}), {@code warmupMax} (600), {@code
 * jitQuiet} (1; 0 warms up for exactly {@code warmup} seconds), {@code inFlight} (16: client threads, each with one
 * request at a time; the awaits, at most one per session, come on top), {@code sessions} (20), {@code thinkMillis} (20:
 * from the agent's await to the human's answer).
 */
public final class MixedBenchmark {
    private static final String HUMAN = "alice";

    private MixedBenchmark() {}

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        Settings settings = new Settings(args);
        int seconds = settings.intArg("seconds", 20);
        JitWarmup.Settings warmup = JitWarmup.Settings.read(settings::intArg, "warmup");
        int inFlight = settings.intArg("inFlight", 16);
        int sessions = settings.intArg("sessions", 20);
        int thinkMillis = settings.intArg("thinkMillis", 20);
        Path data = Files.createTempDirectory("ledgerloop-mixed-bench-");
        // One key drives the whole load: the gateway's per-key rate limit would measure itself, not the system.
        try (LedgerloopSystem system = LedgerloopSystem.start(
                data,
                0,
                Map.of("ledgerloop.gateway.rate-limit.enabled", false),
                "--ledgerloop.live.max-per-principal=" + Math.max(100, sessions + 10))) {
            String base = "http://localhost:" + system.gatewayPort();
            GatewayClient agent = new GatewayClient(base, system.secrets().bootstrapKeyOnce());
            GatewayClient human = GatewayClient.human(base, system.mintHumanToken(HUMAN));
            System.out.printf(
                    "Mixed load through the gateway (%d processors): %s%n",
                    Runtime.getRuntime().availableProcessors(), settings);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                String session = agent.openSession();
                GatewayClient.expect(
                        201,
                        agent.post(
                                "/v1/agent/sessions/" + session + "/participants",
                                "{\"userId\":\"" + HUMAN + "\",\"role\":\"member\"}"));
                ids.add(session);
            }
            MixedLoad load = new MixedLoad(agent, human, ids, Duration.ofMillis(thinkMillis));
            System.out.println(JitWarmup.run(warmup, roundSeconds -> load.run(roundSeconds, inFlight))
                    .describe());
            load.run(seconds, inFlight).print();
            System.out.printf("sessions out of the question cycle after an error: %d%n", load.sessionsOutOfTheCycle());
        } finally {
            TemporaryDirectories.deleteRecursively(data);
        }
    }
}
