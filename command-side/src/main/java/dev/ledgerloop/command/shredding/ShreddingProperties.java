package dev.ledgerloop.command.shredding;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shredding's settings ({@code ledgerloop.shredding.*}).
 *
 * @param haltAfterRequest for tests only: a shred stops once {@code SessionShredRequested} is recorded, as a crash
 *     there would, and nothing completes it until a restart without this setting (docs/architecture.md
 *     §Crypto-shredding)
 */
@ConfigurationProperties("ledgerloop.shredding")
record ShreddingProperties(@DefaultValue("false") boolean haltAfterRequest) {}
