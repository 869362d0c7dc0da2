package dev.ledgerloop.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the whole public API through the gateway of a running system, driven by its {@code /openapi.json}
 * (docs/testing.md): makes the {@link Fixtures}, then sends the cases of a seed one after another, checks the
 * {@link Invariants} on each, and reports. Sequential on purpose: the log's head is compared around each case.
 */
public final class ApiFuzzer {
    /**
     * Gateway settings for a fuzzed system: no rate limit, and failed authentications (which the cases send by the
     * thousand) never lock the client's address out.
     */
    public static final Map<String, Object> GATEWAY_SETTINGS = Map.of(
            "ledgerloop.gateway.rate-limit.enabled", false,
            "ledgerloop.gateway.failed-authentication.capacity", 1_000_000_000,
            "ledgerloop.gateway.failed-authentication.refill-per-minute", 1_000_000_000);

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration LONG_POLL_TIMEOUT = Duration.ofSeconds(1);

    private final LedgerloopSystem system;
    private final Http http;
    private final PrintStream progress;

    private ApiFuzzer(LedgerloopSystem system, PrintStream progress) {
        this.system = system;
        this.http = new Http("http://localhost:" + system.gatewayPort());
        this.progress = progress;
    }

    /** Runs cases {@code 0..cases-1} of {@code seed} against a system started with {@link #GATEWAY_SETTINGS}. */
    public static FuzzReport run(LedgerloopSystem system, long seed, int cases, PrintStream progress) throws Exception {
        return new ApiFuzzer(system, progress).run(seed, 0, cases);
    }

    /** Runs cases {@code from..from+cases-1} of {@code seed}; one case alone is {@code (seed, index, 1)}. */
    public static FuzzReport run(LedgerloopSystem system, long seed, int from, int cases, PrintStream progress)
            throws Exception {
        return new ApiFuzzer(system, progress).run(seed, from, cases);
    }

    /** How many cases cover every operation once with every family: the description's operations × families. */
    public static int casesPerRound(LedgerloopSystem system) throws Exception {
        return new ApiFuzzer(system, System.out).description().operations().size() * Family.values().length;
    }

    private FuzzReport run(long seed, int from, int cases) throws Exception {
        ApiDescription description = description();
        Fixtures fixtures = Fixtures.create(system, http);
        CaseGenerator generator = new CaseGenerator(seed, description, fixtures);
        Invariants invariants = new Invariants(fixtures);
        FuzzReport report = new FuzzReport(seed);
        long started = System.nanoTime();
        try (EventLogWatch log = new EventLogWatch(system.eventStoreConnectionString())) {
            log.sinceLastLook();
            for (int index = from; index < from + cases; index++) {
                long caseStarted = System.nanoTime();
                FuzzCase request = generator.generate(index);
                Http.Answer answer;
                try {
                    answer = http.send(request, Invariants.longPoll(request) ? LONG_POLL_TIMEOUT : TIMEOUT);
                } catch (IllegalArgumentException notExpressible) {
                    report.unsendable();
                    continue;
                } catch (java.io.IOException closed) {
                    // The gateway closed the connection without an answer: as bad as a 5xx.
                    answer = new Http.Answer(599, "", ("connection closed: " + closed).getBytes());
                }
                List<String> stored = log.sinceLastLook();
                report.callerEvents(stored.size());
                List<String> violations = invariants.check(request, answer, stored);
                report.record(request, answer.status(), violations, http.base(), System.nanoTime() - caseStarted);
                if (!violations.isEmpty() && progress != null) {
                    progress.println("FAIL " + violations + "\n  " + request.reproduction(http.base()));
                }
                if (progress != null && (index - from + 1) % 1000 == 0) {
                    progress.printf(
                            "%,d cases in %d s%n", index - from + 1, (System.nanoTime() - started) / 1_000_000_000L);
                }
            }
        }
        return report;
    }

    /** The merged description, asked again while the gateway says it is incomplete (a backend was slow). */
    private ApiDescription description() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Http.Answer answer = http.call("GET", "/openapi.json", List.of(), null);
            JsonNode document = answer.json();
            boolean complete = answer.status() == 200
                    && document != null
                    && !document.at("/info/description").asText().contains("Incomplete");
            if (complete || System.nanoTime() > deadline) {
                if (!complete) {
                    throw new IllegalStateException("No complete /openapi.json within 60 s: " + answer.status());
                }
                return ApiDescription.of(document);
            }
        }
    }
}
