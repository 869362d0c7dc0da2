package dev.ledgerloop.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendApplicationTest {

    /** Axon's time limits cost a walk of the thread's stack per handler call (docs/performance.md). */
    @Test
    void every_backend_starts_with_axons_time_limits_off() {
        assertThat(BackendApplication.defaults("command-side"))
                .containsEntry(BackendApplication.AXON_TIME_LIMITS, "false")
                .containsEntry("spring.config.name", "command-side");
    }
}
