package dev.ledgerloop.service.web.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A timestamp only as ISO-8601 text ({@link Instant#parse}), never as a number of seconds, and only within the years
 * the API can write back (1970 to 9999, docs/api.md §Conventions): a deadline in the year 1000000000 was stored and
 * then failed to render.
 */
final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    StrictInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            try {
                Instant instant = Instant.parse(parser.getText());
                if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                    return (Instant) context.handleWeirdStringValue(
                            Instant.class, parser.getText(), "outside the years 1970 to 9999");
                }
                return instant;
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, parser.getText(), e.getMessage());
            }
        }
        return (Instant) context.handleUnexpectedToken(Instant.class, parser);
    }
}
