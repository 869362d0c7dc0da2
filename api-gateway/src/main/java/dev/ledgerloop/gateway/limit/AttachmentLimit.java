package dev.ledgerloop.gateway.limit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * {@code ledgerloop.gateway.attachments.max-bytes} (LEDGERLOOP_GATEWAY_ATTACHMENTS_MAX_BYTES): the largest attachment
 * upload ({@code POST .../attachments}) accepted; larger ones answer 413. Other bodies keep the general limit.
 */
@ConfigurationProperties("ledgerloop.gateway.attachments")
record AttachmentLimit(
        @DefaultValue("10MB") @DataSizeUnit(DataUnit.BYTES) DataSize maxBytes) {}
