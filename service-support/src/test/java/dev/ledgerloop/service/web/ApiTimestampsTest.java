package dev.ledgerloop.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ApiTimestampsTest {
    @Test
    void writes_what_the_pattern_writes_for_any_instant() {
        SplittableRandom random = new SplittableRandom(20261202);
        long first = LocalDateTime.of(-2, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long last = LocalDateTime.of(10001, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last), random.nextInt(1_000_000_000));
            assertThat(ApiTimestamps.format(instant)).isEqualTo(ApiTimestamps.FORMAT.format(instant));
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
            assertThat(ApiTimestamps.format(instant)).isEqualTo(text);
            assertThat(ApiTimestamps.format(instant.plusNanos(999_999))).isEqualTo(text);
        }
        Instant beyond = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(ApiTimestamps.format(beyond)).isEqualTo(ApiTimestamps.FORMAT.format(beyond));
    }
}
