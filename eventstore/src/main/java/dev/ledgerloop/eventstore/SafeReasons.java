package dev.ledgerloop.eventstore;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Says why something failed without risking event content in logs or stored letters: the exception class names of
 * the cause chain, and the message only of exceptions we wrote ({@code dev.ledgerloop.*}) or of the JDK's security
 * exceptions. Other messages are left out, Jackson's above all: they quote payload values, which are plaintext once
 * decrypted.
 */
public final class SafeReasons {
    private static final int MAX_CHAIN = 8;

    private SafeReasons() {}

    /** E.g. {@code com.fasterxml...MismatchedInputException <- dev.ledgerloop.events.EventDecodingException: ...}. */
    public static String of(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Throwable current = failure;
        while (current != null && parts.size() < MAX_CHAIN) {
            parts.add(describe(current.getClass(), current.getMessage()));
            current = current.getCause() == current ? null : current.getCause();
        }
        return String.join(" <- ", parts);
    }

    /** The safe message for a failure known only by its class name and message (e.g. an Axon dead letter's cause). */
    public static String message(String exceptionType, String message) {
        return mayShowMessage(exceptionType) ? message : null;
    }

    private static String describe(Class<?> type, String message) {
        return mayShowMessage(type) && message != null ? type.getName() + ": " + message : type.getName();
    }

    private static boolean mayShowMessage(Class<?> type) {
        return type.getName().startsWith("dev.ledgerloop.") || GeneralSecurityException.class.isAssignableFrom(type);
    }

    private static boolean mayShowMessage(String typeName) {
        if (typeName == null) {
            return false;
        }
        if (typeName.startsWith("dev.ledgerloop.")) {
            return true;
        }
        try {
            return mayShowMessage(Class.forName(typeName, false, SafeReasons.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError unknown) {
            return false;
        }
    }
}
