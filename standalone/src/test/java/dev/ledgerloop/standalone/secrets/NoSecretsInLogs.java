package dev.ledgerloop.standalone.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when anything logged while it ran holds a key, a guest token, a webhook secret or a JWT, and
 * when the scanner is no longer attached (a logging set-up that replaced logback-test.xml would otherwise make this
 * check pass by seeing nothing). Registered for every test class of this module (META-INF/services, with extension
 * auto-detection on).
 */
public final class NoSecretsInLogs implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        Iterable<Appender<ILoggingEvent>> appenders = root::iteratorForAppenders;
        assertThat(StreamSupport.stream(appenders.spliterator(), false))
                .as("the secret scanner among the root logger's appenders after %s", context.getDisplayName())
                .anyMatch(appender -> appender instanceof SecretScanningAppender);
        assertThat(SecretScanningAppender.takeLeaks())
                .as("log lines holding secrets while %s ran", context.getDisplayName())
                .isEmpty();
    }
}
