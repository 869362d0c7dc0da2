package dev.ledgerloop.service.domain;

/**
 * An aggregate refuses a command. It says what kind of refusal this is and a message safe to show the caller; the
 * web edge alone decides the HTTP status and error body for each kind.
 */
public class DomainException extends RuntimeException {
    /** What the refusal means to the caller. */
    public enum Kind {
        /** No such thing for this caller: it does not exist, or it is not theirs to see. */
        NOT_FOUND,
        /** The thing's state does not allow the command (e.g. a message to a closed session). */
        CONFLICT,
        /** The caller may see the thing but not do this to it. */
        FORBIDDEN,
        /** What the command asks for is not valid (e.g. arguments a schema refuses). */
        INVALID
    }

    private final Kind kind;

    public DomainException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public static DomainException notFound(String message) {
        return new DomainException(Kind.NOT_FOUND, message);
    }

    public static DomainException conflict(String message) {
        return new DomainException(Kind.CONFLICT, message);
    }

    public static DomainException forbidden(String message) {
        return new DomainException(Kind.FORBIDDEN, message);
    }

    public static DomainException invalid(String message) {
        return new DomainException(Kind.INVALID, message);
    }

    public Kind kind() {
        return kind;
    }
}
