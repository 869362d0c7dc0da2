package dev.ledgerloop.service.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.ledgerloop.events.MillisTimestamps;
import java.io.IOException;
import java.time.Instant;

/**
 * docs/api.md: timestamps are ISO-8601 UTC with milliseconds, always three digits ({@code 2026-03-25T10:30:00.000Z});
 * {@link Instant#toString()} drops zero fractions and keeps micro- or nanoseconds. The same text the stored events
 * carry ({@link MillisTimestamps}).
 */
public final class ApiTimestamps extends JsonSerializer<Instant> {
    public static String format(Instant instant) {
        return MillisTimestamps.format(instant);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider serializers) throws IOException {
        generator.writeString(format(value));
    }
}
