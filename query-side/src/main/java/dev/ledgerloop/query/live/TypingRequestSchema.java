package dev.ledgerloop.query.live;

import io.swagger.v3.oas.annotations.media.Schema;

/** The shape of {@code POST .../typing} (docs/api.md §Typing), for the API description only. */
record TypingRequestSchema(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean typing) {}
