package dev.ledgerloop.bench;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One kind of request of a load: the latency of each expected answer, the answers with no content (a long-poll that
 * timed out), and the errors (any other status) by status, with the first error's answer to show what went wrong.
 * Safe to record from several threads.
 */
final class RequestStats {
    private final String kind;
    private final Histogram latency = new ConcurrentHistogram(3);
    private final AtomicLong noContent = new AtomicLong();
    private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    RequestStats(String kind) {
        this.kind = kind;
    }

    void answered(long sentNanos, long answeredNanos) {
        latency.recordValue(Math.max(0, answeredNanos - sentNanos));
    }

    void noContent() {
        noContent.incrementAndGet();
    }

    void error(HttpResponse<String> response) {
        errors.computeIfAbsent(response.statusCode(), status -> new LongAdder()).increment();
        firstError.compareAndSet(
                null,
                response.request().method() + " " + response.request().uri().getPath() + " answered "
                        + response.statusCode() + ": " + shortened(response.body()));
    }

    /** A 2xx answer that is wrong all the same: counted as an error of status 0. */
    void error(String what) {
        errors.computeIfAbsent(0, status -> new LongAdder()).increment();
        firstError.compareAndSet(null, what);
    }

    private static String shortened(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    long count() {
        return latency.getTotalCount();
    }

    /** The figures over {@code seconds}, on one line. */
    String summary(double seconds) {
        StringBuilder line = new StringBuilder(String.format(
                "%-11s %,8d requests = %,7.1f req/s; latency p50 %7.2f ms, p99 %8.2f ms, max %8.2f ms",
                kind,
                latency.getTotalCount(),
                latency.getTotalCount() / seconds,
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6));
        if (noContent.get() > 0) {
            line.append(String.format("; %,d answered 204", noContent.get()));
        }
        if (errors.isEmpty()) {
            line.append("; no errors");
        } else {
            Map<Integer, Long> byStatus = new TreeMap<>();
            errors.forEach((status, count) -> byStatus.put(status, count.sum()));
            line.append("; errors by status ")
                    .append(byStatus)
                    .append(" (first: ")
                    .append(firstError.get());
            line.append(')');
        }
        return line.toString();
    }
}
