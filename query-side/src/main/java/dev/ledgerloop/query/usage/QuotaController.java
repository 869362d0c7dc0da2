package dev.ledgerloop.query.usage;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.web.Callers;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.bson.Document;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plan's limits and the space's usage (docs/api.md §Quota and usage), read from the {@code usage} view. */
@RestController
@EnableConfigurationProperties(QuotaProperties.class)
class QuotaController {
    private final QuotaProperties quota;
    private final MongoCollection<Document> usage;
    private final Clock clock;

    QuotaController(QuotaProperties quota, MongoDatabase database, Clock clock) {
        this.quota = quota;
        this.usage = database.getCollection(UsageProjection.COLLECTION);
        this.clock = clock;
    }

    /** A limit of null is unlimited; {@code remaining} is null then too. */
    record Counter(long used, Long limit, Long remaining) {
        static Counter of(long used, Long limit) {
            return new Counter(used, limit, limit == null ? null : Math.max(0, limit - used));
        }
    }

    record Period(String name, Instant start, Instant end) {}

    record PeriodUsage(Counter sessions, Counter messages, Counter voiceMinutes) {}

    record Totals(long sessions, long messages, long voiceMinutes) {}

    /** Voice is not offered: {@code voiceMinutes} is always 0 with a limit of 0. */
    record Quota(String plan, Period period, PeriodUsage usage, Totals total, boolean voiceOffered) {}

    @GetMapping("/v1/agent/quota")
    @Operation(
            summary = "The plan's limits and the space's usage",
            description = "Sessions opened and messages sent in the space, this calendar month (UTC) against the plan's"
                    + " limits (null: unlimited) and in total. Voice is not offered: voiceMinutes is 0.")
    Quota quota(Principal principal) {
        Callers.agentId(principal);
        UUID spaceId = principal.spaceId();
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Document current = counts(spaceId, UsagePeriod.of(now));
        Document total = counts(spaceId, UsageProjection.TOTAL);
        return new Quota(
                quota.plan(),
                new Period(
                        UsagePeriod.of(now),
                        month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                        month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
                new PeriodUsage(
                        Counter.of(count(current, "sessions"), quota.sessionsPerMonth()),
                        Counter.of(count(current, "messages"), quota.messagesPerMonth()),
                        Counter.of(0, 0L)),
                new Totals(count(total, "sessions"), count(total, "messages"), 0),
                false);
    }

    private Document counts(UUID spaceId, String period) {
        Document found =
                usage.find(eq("_id", UsageProjection.id(spaceId, period))).first();
        return found == null ? new Document() : found;
    }

    private static long count(Document counts, String counter) {
        Number value = counts.get(counter, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
