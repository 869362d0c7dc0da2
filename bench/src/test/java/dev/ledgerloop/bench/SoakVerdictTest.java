package dev.ledgerloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoakVerdictTest {
    @Test
    void a_run_with_every_create_under_a_second_and_every_delivery_passes() {
        assertThat(new SoakVerdict(0, 145.2, 1_000, 1_000).failures()).isEmpty();
    }

    @Test
    void a_create_over_a_second_fails_the_run() {
        assertThat(new SoakVerdict(1, 59_712.0, 1_000, 1_000).failures())
                .containsExactly("1 creates took over 1 s (the slowest 59712.0 ms)");
    }

    @Test
    void a_missing_delivery_fails_the_run() {
        assertThat(new SoakVerdict(0, 145.2, 998, 1_000).failures())
                .containsExactly("2 of 1000 deliveries are missing");
    }

    @Test
    void both_failures_are_named() {
        assertThat(new SoakVerdict(3, 60_001.0, 0, 1_000).failures()).hasSize(2);
    }
}
