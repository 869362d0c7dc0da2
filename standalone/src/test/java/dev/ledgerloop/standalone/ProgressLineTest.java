package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.query.projection.RebuildProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static final Instant START = Instant.parse("2025-06-04T10:00:00Z");

    @Test
    void on_a_terminal_the_bar_is_redrawn_in_place_with_the_figures() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ProgressLine(new PrintStream(out, true, StandardCharsets.UTF_8), true).show(running(47_120, 100_002));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("\r[##############----------------]  47%  47,120/100,002 events  21,410/s  ETA 3 s")
                .doesNotContain("\n");
    }

    @Test
    void elsewhere_each_update_is_a_plain_line_and_the_end_gives_the_final_figures_and_what_was_rebuilt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(out, true, StandardCharsets.UTF_8), false);

        line.show(running(10, 100));
        line.done(new RebuildProgress(
                "all",
                List.of("feed", "timeline"),
                RebuildProgress.SUCCEEDED,
                100,
                100,
                50,
                null,
                START,
                START.plusSeconds(2),
                null));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("rebuild all: running, 10/100 events  21,410/s  ETA 3 s\n"
                        + "rebuild all: succeeded, 100/100 events  50/s  ETA -\n"
                        + "Rebuilt all (feed, timeline) from 100 events in 2.0 s\n");
    }

    private static RebuildProgress running(long done, long total) {
        return new RebuildProgress(
                "all",
                List.of("feed", "timeline"),
                RebuildProgress.RUNNING,
                done,
                total,
                21_410,
                3L,
                START,
                null,
                null);
    }
}
