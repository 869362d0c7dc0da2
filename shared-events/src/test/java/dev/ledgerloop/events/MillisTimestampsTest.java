package dev.ledgerloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MillisTimestampsTest {
    @Test
    void writes_what_the_pattern_writes_and_reads_what_instant_parse_reads_for_any_instant() {
        SplittableRandom random = new SplittableRandom(20261202);
        long first = LocalDateTime.of(-2, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long last = LocalDateTime.of(10001, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last), random.nextInt(1_000_000_000));
            String text = MillisTimestamps.format(instant);
            assertThat(text).isEqualTo(MillisTimestamps.FORMAT.format(instant));
            assertThat(MillisTimestamps.parse(text)).isEqualTo(Instant.parse(text));
            assertThat(MillisTimestamps.parse(text)).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Test
    void writes_milliseconds_with_three_digits_at_the_edges() {
        for (String text : new String[] {
            "0000-01-01T00:00:00.000Z",
            "1970-01-01T00:00:00.000Z",
            "2026-03-25T10:30:00.000Z",
            "2024-02-29T23:59:59.999Z",
            "9999-12-31T23:59:59.999Z"
        }) {
            Instant instant = Instant.parse(text);
            assertThat(MillisTimestamps.format(instant)).isEqualTo(text);
            assertThat(MillisTimestamps.format(instant.plusNanos(999_999))).isEqualTo(text);
            assertThat(MillisTimestamps.parse(text)).isEqualTo(instant);
        }
        Instant beyond = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(MillisTimestamps.format(beyond)).isEqualTo(MillisTimestamps.FORMAT.format(beyond));
        assertThat(MillisTimestamps.parse(MillisTimestamps.format(beyond))).isEqualTo(beyond);
    }

    @Test
    void reads_other_iso_instants_as_instant_parse_does() {
        for (String text : new String[] {
            "2026-03-25T10:30:00Z", "2026-03-25T10:30:00.123456789Z", "2026-03-25T10:30:00.1Z", "-0001-01-01T00:00:00Z"
        }) {
            assertThat(MillisTimestamps.parse(text)).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void reads_or_refuses_as_instant_parse_does_in_the_written_length() {
        for (String text : new String[] {
            "2026-02-30T10:30:00.000Z",
            "2026-13-01T10:30:00.000Z",
            "2026-03-25T24:00:00.000Z",
            "2026-12-31T23:59:60.000Z",
            "2026-03-25T10:60:00.000Z",
            "2026-03-25 10:30:00.000Z",
            "2026-03-25T10:30:00.00+Z",
            "\uff12026-03-25T10:30:00.000Z",
            "2026-03-25t10:30:00.000z",
            ""
        }) {
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> MillisTimestamps.parse(text))
                        .as(text)
                        .isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(MillisTimestamps.parse(text)).as(text).isEqualTo(expected);
        }
    }
}
