package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StandaloneOptionsTest {
    @Test
    void without_options_it_starts_quietly_on_port8080_with_data_in_the_working_directory() {
        assertThat(StandaloneOptions.parse())
                .isEqualTo(new StandaloneOptions(Path.of("data"), 8080, false, null, false));
    }

    @Test
    void verbose_brings_the_log_to_the_console() {
        StandaloneOptions options = StandaloneOptions.parse("--data=/srv/ledgerloop", "--verbose", "--port=9090");
        assertThat(options).isEqualTo(new StandaloneOptions(Path.of("/srv/ledgerloop"), 9090, true, null, false));
    }

    @Test
    void an_unknown_option_is_answered_with_the_usage_which_names_verbose_and_the_log_file() {
        assertThatThrownBy(() -> StandaloneOptions.parse("--quiet"))
                .hasMessageStartingWith("Unknown option --quiet")
                .hasMessageContaining("--verbose")
                .hasMessageContaining("DIR/logs/ledgerloop.log");
    }

    @Test
    void rebuild_names_a_view_or_all_and_is_in_the_usage() {
        assertThat(StandaloneOptions.parse("--rebuild=timeline").rebuild()).isEqualTo("timeline");
        assertThat(StandaloneOptions.parse("--data=/srv/x", "--rebuild=all"))
                .isEqualTo(new StandaloneOptions(Path.of("/srv/x"), 8080, false, null, false, "all"));
        assertThatThrownBy(() -> StandaloneOptions.parse("--rebuild=")).hasMessageContaining("--rebuild=timeline");
        assertThat(StandaloneOptions.USAGE).contains("--rebuild=VIEW|all");
    }
}
