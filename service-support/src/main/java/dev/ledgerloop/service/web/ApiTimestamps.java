package dev.ledgerloop.service.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * docs/api.md: timestamps are ISO-8601 UTC with milliseconds, always three digits ({@code 2026-03-25T10:30:00.000Z});
 * {@link Instant#toString()} drops zero fractions and keeps micro- or nanoseconds.
 */
public final class ApiTimestamps extends JsonSerializer<Instant> {
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Digits of year, month, day, hour, minute, second and millisecond, and the character after each. */
    private static final int[] WIDTHS = {4, 2, 2, 2, 2, 2, 3};

    private static final char[] AFTER = {'-', '-', 'T', ':', ':', '.', 'Z'};
    private static final long FIRST_FOUR_DIGIT_YEAR =
            LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_FOUR_DIGIT_YEAR =
            LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    /**
     * {@link #FORMAT}'s text. Written out by hand for the years 0000–9999: the formatter builds the fraction through
     * {@code BigDecimal} and a zoned date-time per call, a tenth of what a history answer of a thousand items allocated.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FOUR_DIGIT_YEAR || seconds > LAST_FOUR_DIGIT_YEAR) {
            return FORMAT.format(instant);
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int[] fields = {
            time.getYear(),
            time.getMonthValue(),
            time.getDayOfMonth(),
            time.getHour(),
            time.getMinute(),
            time.getSecond(),
            instant.getNano() / 1_000_000
        };
        char[] text = new char[24];
        int at = 0;
        for (int field = 0; field < fields.length; field++) {
            int value = fields[field];
            for (int digit = at + WIDTHS[field] - 1; digit >= at; digit--) {
                text[digit] = (char) ('0' + value % 10);
                value /= 10;
            }
            at += WIDTHS[field];
            text[at++] = AFTER[field];
        }
        return new String(text);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider serializers) throws IOException {
        generator.writeString(format(value));
    }
}
