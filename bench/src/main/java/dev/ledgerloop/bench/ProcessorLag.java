package dev.ledgerloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How far every processor of the system is behind the head of the log, from the admin projections listing
 * (docs/api.md §Projections), and a bounded wait until none is. The verifiable log's builder is not a processor: it
 * runs at most its batch delay behind.
 */
final class ProcessorLag {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 250;
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final GatewayClient owner;

    ProcessorLag(GatewayClient owner) {
        this.owner = owner;
    }

    /**
     * A bound for catching up with {@code events} appended at once: at least 100 events/s, and never under 10 minutes
     * (a loaded machine has the live processors far behind after a bulk load).
     */
    static Duration catchUpBound(long events) {
        return Duration.ofSeconds(Math.max(600, events / 100));
    }

    /**
     * The processors behind the head, each as {@code name events} ({@code name >=events} where the listing only
     * counted up to its limit); empty once every one has caught up; null when the listing did not answer 200 (a busy
     * embedded MongoDB may make it time out).
     */
    List<String> behind() throws Exception {
        HttpResponse<String> response = owner.get("/v1/admin/projections");
        if (response.statusCode() != 200) {
            return null;
        }
        List<String> behind = new ArrayList<>();
        for (JsonNode processor : JSON.readTree(response.body()).path("data")) {
            JsonNode lag = processor.path("lag");
            if (lag.path("events").asLong(-1) != 0 || lag.path("atLeast").asBoolean()) {
                behind.add(String.format(
                        "%s %s%d",
                        processor.path("name").asText(),
                        lag.path("atLeast").asBoolean() ? ">=" : "",
                        lag.path("events").asLong()));
            }
        }
        return behind;
    }

    /**
     * Polls the listing until no processor is behind; the seconds it took. With {@code reportProgress}, prints who is
     * behind every 10 s meanwhile.
     */
    double awaitCaughtUp(Duration timeout, boolean reportProgress) throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextReport = started + REPORT_EVERY_NANOS;
        while (System.nanoTime() < deadline) {
            List<String> behind = behind();
            if (behind != null && behind.isEmpty()) {
                return (System.nanoTime() - started) / 1e9;
            }
            if (reportProgress && System.nanoTime() >= nextReport) {
                System.out.printf(
                        "  after %.0f s, processors behind the log: %s%n",
                        (System.nanoTime() - started) / 1e9, behind == null ? "(the listing did not answer)" : behind);
                nextReport += REPORT_EVERY_NANOS;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("The processors had not caught up after " + timeout.toSeconds() + " s");
    }
}
