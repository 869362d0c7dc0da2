package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StandaloneOptionsTest {
    @Test
    void withoutOptionsItStartsQuietlyOnPort8080WithDataInTheWorkingDirectory() {
        assertThat(StandaloneOptions.parse())
                .isEqualTo(new StandaloneOptions(Path.of("data"), 8080, false, null, false));
    }

    @Test
    void verboseBringsTheLogToTheConsole() {
        StandaloneOptions options = StandaloneOptions.parse("--data=/srv/ledgerloop", "--verbose", "--port=9090");
        assertThat(options).isEqualTo(new StandaloneOptions(Path.of("/srv/ledgerloop"), 9090, true, null, false));
    }

    @Test
    void anUnknownOptionIsAnsweredWithTheUsageWhichNamesVerboseAndTheLogFile() {
        assertThatThrownBy(() -> StandaloneOptions.parse("--quiet"))
                .hasMessageStartingWith("Unknown option --quiet")
                .hasMessageContaining("--verbose")
                .hasMessageContaining("DIR/logs/ledgerloop.log");
    }
}
