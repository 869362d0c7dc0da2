package dev.ledgerloop.query.delivery;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A mergeable latency histogram stored as counters: each latency (ms) is counted under its value rounded down to two
 * significant digits (a bucket), so histograms of hours, endpoints and agents add up field by field in MongoDB, and
 * HdrHistogram reads percentiles from the merged counts (within about 1%, plus the bucket's width).
 */
final class LatencyBuckets {
    private LatencyBuckets() {}

    static long bucket(long millis) {
        long value = Math.max(0, millis);
        long scale = 1;
        while (value / scale >= 100) {
            scale *= 10;
        }
        return value / scale * scale;
    }

    static Histogram histogram(Iterable<Map<String, Object>> bucketCounts) {
        Histogram histogram = new Histogram(2);
        for (Map<String, Object> counts : bucketCounts) {
            counts.forEach((bucket, count) ->
                    histogram.recordValueWithCount(Long.parseLong(bucket), ((Number) count).longValue()));
        }
        return histogram;
    }
}
