package dev.ledgerloop.fuzz;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a run did: cases per operation and family, statuses, and each distinct failure with a case that shows it. */
public final class FuzzReport {
    private final long seed;
    private final Map<String, int[]> perOperation = new TreeMap<>();
    private final Map<Family, Integer> perFamily = new LinkedHashMap<>();
    private final Map<Family, Long> nanosPerFamily = new LinkedHashMap<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    /** "operation | violation label" → the first reproduction, and how often it happened. */
    private final Map<String, String> failures = new LinkedHashMap<>();

    private final Map<String, Integer> failureCounts = new LinkedHashMap<>();
    private int cases;
    private int unsendable;
    /** Events callers caused during the run (all on 2xx cases when it passes): shows the log watch sees writes. */
    private int callerEvents;

    FuzzReport(long seed) {
        this.seed = seed;
    }

    void record(FuzzCase request, int status, List<String> violations, String base, long nanos) {
        cases++;
        nanosPerFamily.merge(request.family(), nanos, Long::sum);
        int[] counts = perOperation.computeIfAbsent(request.operation().toString(), key -> new int[2]);
        counts[0]++;
        perFamily.merge(request.family(), 1, Integer::sum);
        statuses.merge(status == 0 ? "timeout" : String.valueOf(status), 1, Integer::sum);
        for (String violation : violations) {
            counts[1]++;
            String label = violation.contains(":") ? violation.substring(0, violation.indexOf(':')) : violation;
            String key = request.operation() + " | " + request.family() + " | " + label;
            failureCounts.merge(key, 1, Integer::sum);
            failures.putIfAbsent(key, violation + "\n  " + request.reproduction(base));
        }
    }

    void callerEvents(int count) {
        callerEvents += count;
    }

    void unsendable() {
        unsendable++;
    }

    public long seed() {
        return seed;
    }

    public int cases() {
        return cases;
    }

    /** Every distinct failure (operation, family, kind of violation) with its first case. */
    public List<String> failures() {
        List<String> all = new ArrayList<>();
        failures.forEach((key, first) -> all.add(key + " (" + failureCounts.get(key) + "×): " + first));
        return all;
    }

    /** The smallest number of cases any operation got. */
    public int fewestCasesPerOperation() {
        return perOperation.values().stream()
                .mapToInt(counts -> counts[0])
                .min()
                .orElse(0);
    }

    public int operations() {
        return perOperation.size();
    }

    public void print(PrintStream out) {
        out.printf(
                "Fuzzed %,d cases (seed %d) over %d operations; %d not sendable by the client%n",
                cases, seed, perOperation.size(), unsendable);
        out.println("statuses: " + statuses + "; events callers caused: " + callerEvents);
        out.println("families: " + perFamily);
        Map<Family, Long> millis = new LinkedHashMap<>();
        nanosPerFamily.forEach((family, nanos) -> millis.put(family, nanos / 1_000_000));
        out.println("milliseconds per family: " + millis);
        perOperation.forEach(
                (operation, counts) -> out.printf("  %-70s %6d cases %5d failures%n", operation, counts[0], counts[1]));
        if (failures.isEmpty()) {
            out.println("No failures.");
        } else {
            out.println(failures.size() + " distinct failures:");
            failures().forEach(failure -> out.println("- " + failure));
        }
    }
}
