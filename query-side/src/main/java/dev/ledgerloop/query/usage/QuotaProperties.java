package dev.ledgerloop.query.usage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The plan's limits as {@code GET /v1/agent/quota} reports them ({@code ledgerloop.quota.*}, query side). Unset (the
 * default) means unlimited. They are reported, not enforced (docs/api.md §Quota and usage).
 *
 * @param plan the plan's name, {@code self-hosted} by default
 * @param sessionsPerMonth sessions a space may open per calendar month (UTC)
 * @param messagesPerMonth messages a space's sessions may take per calendar month (UTC)
 */
@ConfigurationProperties("ledgerloop.quota")
record QuotaProperties(String plan, Long sessionsPerMonth, Long messagesPerMonth) {
    QuotaProperties {
        plan = plan == null || plan.isBlank() ? "self-hosted" : plan;
    }
}
