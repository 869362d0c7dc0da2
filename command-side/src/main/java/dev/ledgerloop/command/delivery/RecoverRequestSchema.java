package dev.ledgerloop.command.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The shape of {@code POST /v1/admin/webhooks/:id/recover}, for the API description only. */
record RecoverRequestSchema(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "recover what was exhausted since then")
        Instant since) {}
