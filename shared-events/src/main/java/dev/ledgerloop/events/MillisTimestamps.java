package dev.ledgerloop.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as the API and the stored events write them: ISO-8601 UTC with milliseconds, always three digits ({@code
 * 2026-03-25T10:30:00.000Z}). Written and read by hand for the years 0000–9999: the JDK's formatter builds a zoned
 * date-time and a {@code BigDecimal} fraction per call, and {@link Instant#parse} a parsed-field map, and every event's
 * metadata carries one such instant each way (docs/performance.md).
 */
public final class MillisTimestamps {
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final int LENGTH = 24;
    /** Digits of year, month, day, hour, minute, second and millisecond, and the character after each. */
    private static final int[] WIDTHS = {4, 2, 2, 2, 2, 2, 3};

    private static final char[] AFTER = {'-', '-', 'T', ':', ':', '.', 'Z'};
    private static final long FIRST_FOUR_DIGIT_YEAR =
            LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_FOUR_DIGIT_YEAR =
            LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private MillisTimestamps() {}

    /** {@link #FORMAT}'s text (sub-millisecond digits dropped). */
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
        char[] text = new char[LENGTH];
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

    /**
     * The instant {@code text} names, read as {@link Instant#parse} reads it: the form {@link #format} writes directly,
     * any other ISO-8601 instant through {@link Instant#parse}.
     *
     * @throws java.time.format.DateTimeParseException when it is not an ISO-8601 instant
     */
    public static Instant parse(String text) {
        Instant written = parseWritten(text);
        return written != null ? written : Instant.parse(text);
    }

    private static Instant parseWritten(String text) {
        if (text.length() != LENGTH) {
            return null;
        }
        int[] fields = new int[WIDTHS.length];
        int at = 0;
        for (int field = 0; field < WIDTHS.length; field++) {
            int value = 0;
            for (int end = at + WIDTHS[field]; at < end; at++) {
                int digit = text.charAt(at) - '0';
                if (digit < 0 || digit > 9) {
                    return null;
                }
                value = value * 10 + digit;
            }
            if (text.charAt(at++) != AFTER[field]) {
                return null;
            }
            fields[field] = value;
        }
        try {
            long seconds = LocalDateTime.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5])
                    .toEpochSecond(ZoneOffset.UTC);
            return Instant.ofEpochSecond(seconds, fields[6] * 1_000_000L);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
