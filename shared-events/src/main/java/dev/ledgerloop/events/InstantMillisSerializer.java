package dev.ledgerloop.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;

/**
 * Instants in JSON as {@link MillisTimestamps} writes them ({@code 2026-03-25T10:30:00.000Z}), in stored events and in
 * the API's answers alike; {@link Instant#toString()} drops zero fractions and keeps micro- or nanoseconds.
 */
public final class InstantMillisSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(MillisTimestamps.format(value));
    }
}
