package dev.ledgerloop.standalone.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The levels a user sets; that a valid one applies is checked on the real jar ({@code StandaloneJarIT}). */
class ConsoleAndFileLoggingTest {
    @TempDir
    Path data;

    @Test
    void an_unknown_level_is_refused_by_name_before_anything_is_configured() {
        Properties settings = new Properties();
        settings.setProperty("logging.level.dev.ledgerloop", "LOUD");

        assertThatThrownBy(() -> ConsoleAndFileLogging.configure(data, false, settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown log level 'LOUD' in -Dlogging.level.dev.ledgerloop;"
                        + " one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        assertThat(Files.exists(data.resolve("logs"))).isFalse();
    }
}
