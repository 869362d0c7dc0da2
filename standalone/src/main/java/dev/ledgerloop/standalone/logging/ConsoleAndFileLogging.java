package dev.ledgerloop.standalone.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.util.StatusPrinter2;
import dev.ledgerloop.standalone.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The embedded default's logging: the full log goes to {@code <data>/logs/ledgerloop.log}, rolling by size; the
 * console shows only warnings and errors, or the full log too with {@code --verbose}. Keys are printed to the console
 * by the caller and never logged. A logger's level is set as in any Spring Boot application, {@code
 * -Dlogging.level.NAME=LEVEL}: Spring Boot does not configure logging here (below), so this class applies them.
 */
public final class ConsoleAndFileLogging {
    private static final String FILE_NAME = "ledgerloop.log";
    private static final String CONFIGURATION = "ledgerloop-logback.xml";
    private static final String LEVEL_PREFIX = "logging.level.";

    private ConsoleAndFileLogging() {}

    /**
     * Configures logging for this JVM and answers the log file.
     *
     * @param settings where {@code logging.level.NAME=LEVEL} entries set loggers' levels (the system properties)
     * @throws IllegalArgumentException for a level that is none of logback's, before anything is configured
     */
    public static Path configure(Path dataDirectory, boolean verbose, Properties settings) {
        Map<String, Level> levels = levels(settings);
        Path directory = dataDirectory.resolve("logs").toAbsolutePath();
        try {
            // Before logback creates it under the process umask: the log names sessions, agents and endpoints.
            OwnerOnlyFiles.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the log directory " + directory, e);
        }
        Path file = directory.resolve(FILE_NAME);
        // Spring Boot would configure logging anew for each of the three application contexts, undoing this.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty("LEDGERLOOP_LOG_DIRECTORY", directory.toString());
        context.putProperty("LEDGERLOOP_LOG_FILE", file.toString());
        context.putProperty("LEDGERLOOP_CONSOLE_THRESHOLD", verbose ? "TRACE" : "WARN");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(ConsoleAndFileLogging.class.getResource(CONFIGURATION));
        } catch (JoranException e) {
            throw new IllegalStateException("Cannot configure logging from " + CONFIGURATION, e);
        }
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
        // gRPC and Tomcat log through java.util.logging, which would print to the console on its own.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        return file;
    }

    private static Map<String, Level> levels(Properties settings) {
        Map<String, Level> levels = new TreeMap<>();
        for (String key : settings.stringPropertyNames()) {
            if (key.startsWith(LEVEL_PREFIX) && key.length() > LEVEL_PREFIX.length()) {
                String value = settings.getProperty(key).trim();
                Level level = Level.toLevel(value, null);
                if (level == null) {
                    throw new IllegalArgumentException("Unknown log level '" + value + "' in -D" + key
                            + "; one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
                }
                String name = key.substring(LEVEL_PREFIX.length());
                levels.put(name.equalsIgnoreCase("root") ? Logger.ROOT_LOGGER_NAME : name, level);
            }
        }
        return levels;
    }
}
