package dev.ledgerloop.standalone.secrets;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads every log line the tests make the system write, and remembers the ones that hold a secret. */
public final class SecretScanningAppender extends AppenderBase<ILoggingEvent> {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            text.append('\n').append(cause.getClassName()).append(": ").append(cause.getMessage());
            for (StackTraceElementProxy frame : cause.getStackTraceElementProxyArray()) {
                text.append('\n').append(frame.getSTEAsString());
            }
        }
        event.getMDCPropertyMap()
                .forEach((key, value) ->
                        text.append('\n').append(key).append('=').append(value));
        for (String leak : SecretPatterns.findIn(text.toString())) {
            LEAKS.add(event.getLevel() + " " + event.getLoggerName() + ": " + leak);
        }
    }

    /** The leaks seen since the last call, which forgets them. */
    static List<String> takeLeaks() {
        List<String> taken = List.copyOf(LEAKS);
        LEAKS.removeAll(taken);
        return taken;
    }
}
