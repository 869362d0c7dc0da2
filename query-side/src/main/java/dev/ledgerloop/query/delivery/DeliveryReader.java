package dev.ledgerloop.query.delivery;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.service.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** Reads the {@code deliveries} and {@code delivery_stats} views, confined to the caller's space. */
@Component
class DeliveryReader {
    static final int HOURS_SHOWN = 48;

    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> stats;
    private final MongoCollection<Document> lastFailures;

    DeliveryReader(MongoDatabase database) {
        this.deliveries = database.getCollection(DeliveriesProjection.COLLECTION);
        this.stats = database.getCollection(DeliveryStatsProjection.COLLECTION);
        this.lastFailures = database.getCollection(DeliveryStatsProjection.LAST_FAILURES);
    }

    /** The newest deliveries first, at most {@code limit}, matching every given condition. */
    Map<String, Object> list(Principal principal, List<Bson> conditions, int limit) {
        List<Bson> filter = new ArrayList<>(conditions);
        filter.add(eq("spaceId", principal.spaceId().toString()));
        List<DeliveryView> data = new ArrayList<>();
        deliveries
                .find(and(filter))
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")))
                .limit(limit + 1)
                .forEach(document -> data.add(DeliveryView.of(document)));
        boolean hasMore = data.size() > limit;
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", hasMore ? data.subList(0, limit) : data);
        page.put("hasMore", hasMore);
        return page;
    }

    DeliveryView get(Principal principal, String deliveryId, Bson owner) {
        Document found = deliveries
                .find(and(
                        eq("_id", deliveryId), eq("spaceId", principal.spaceId().toString()), owner))
                .first();
        if (found == null) {
            throw ApiException.notFound("Delivery " + deliveryId + " not found");
        }
        return DeliveryView.of(found);
    }

    /** The stats of one scope ({@code webhook}, {@code agent}, {@code webhook-agent}) over every hour kept. */
    Map<String, Object> stats(Principal principal, String scope, Bson which) {
        List<Document> hours = new ArrayList<>();
        stats.find(and(eq("spaceId", principal.spaceId().toString()), eq("scope", scope), which))
                .into(hours);
        return summary(hours, principal, scope);
    }

    /** Per endpoint: the stats of each endpoint in the scope, keyed by webhook id. */
    List<Map<String, Object>> statsByEndpoint(Principal principal, String scope, Bson which) {
        Map<String, List<Document>> byEndpoint = new TreeMap<>();
        stats.find(and(eq("spaceId", principal.spaceId().toString()), eq("scope", scope), which))
                .forEach(hour -> byEndpoint
                        .computeIfAbsent(hour.getString("webhookId"), id -> new ArrayList<>())
                        .add(hour));
        List<Map<String, Object>> endpoints = new ArrayList<>();
        byEndpoint.forEach((webhookId, hours) -> {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("webhookId", webhookId);
            endpoint.putAll(summary(hours, principal, scope));
            endpoints.add(endpoint);
        });
        return endpoints;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> summary(List<Document> hours, Principal principal, String scope) {
        long succeeded = 0;
        long failed = 0;
        long exhausted = 0;
        List<Map<String, Object>> latencies = new ArrayList<>();
        hours.sort(Comparator.comparing(hour -> hour.getDate("hour")));
        List<Map<String, Object>> hourly = new ArrayList<>();
        for (Document hour : hours) {
            long s = count(hour, "succeeded");
            long f = count(hour, "failed");
            long e = count(hour, "exhausted");
            succeeded += s;
            failed += f;
            exhausted += e;
            Document latency = hour.get("latency", Document.class);
            if (latency != null) {
                latencies.add(latency);
            }
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("hour", Views.instant(hour.getDate("hour")));
            bucket.put("succeeded", s);
            bucket.put("failed", f);
            bucket.put("exhausted", e);
            hourly.add(bucket);
        }
        Histogram histogram = LatencyBuckets.histogram(latencies);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("succeeded", succeeded);
        summary.put("failed", failed);
        summary.put("exhausted", exhausted);
        summary.put("attempts", succeeded + failed);
        summary.put("successRate", succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed));
        Map<String, Object> latency = new LinkedHashMap<>();
        boolean any = histogram.getTotalCount() > 0;
        latency.put("p50", any ? histogram.getValueAtPercentile(50) : null);
        latency.put("p95", any ? histogram.getValueAtPercentile(95) : null);
        latency.put("p99", any ? histogram.getValueAtPercentile(99) : null);
        summary.put("latencyMs", latency);
        summary.put("lastFailure", lastFailure(principal, scope, hours));
        summary.put("hourly", hourly.subList(Math.max(0, hourly.size() - HOURS_SHOWN), hourly.size()));
        return summary;
    }

    private Object lastFailure(Principal principal, String scope, List<Document> hours) {
        if (hours.isEmpty()) {
            return null;
        }
        Document found = lastFailures
                .find(and(
                        eq("_id", scope + "|" + hours.get(0).getString("scopeId")),
                        eq("spaceId", principal.spaceId().toString())))
                .first();
        if (found == null) {
            return null;
        }
        Document failure = found.get("failure", Document.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deliveryId", failure.getString("deliveryId"));
        answer.put("at", Views.instant(failure.getDate("at")));
        answer.put("status", failure.getInteger("status"));
        answer.put("error", failure.getString("error"));
        answer.put("responseBodyPrefix", failure.getString("responseBodyPrefix"));
        return answer;
    }

    private static long count(Document hour, String outcome) {
        Number value = hour.get(outcome, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
