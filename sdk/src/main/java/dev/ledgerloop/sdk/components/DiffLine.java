package dev.ledgerloop.sdk.components;

/**
 * A line of a {@link Components#diff diff} hunk.
 *
 * @param type {@code context}, {@code add} or {@code remove}
 * @param content the line's text without its marker
 */
public record DiffLine(String type, String content) {
    /** Checks the type. */
    public DiffLine {
        if (!"context".equals(type) && !"add".equals(type) && !"remove".equals(type)) {
            throw new IllegalArgumentException("A diff line is context, add or remove");
        }
        content = content == null ? "" : content;
    }

    /** An unchanged line. */
    public static DiffLine context(String content) {
        return new DiffLine("context", content);
    }

    /** An added line. */
    public static DiffLine add(String content) {
        return new DiffLine("add", content);
    }

    /** A removed line. */
    public static DiffLine remove(String content) {
        return new DiffLine("remove", content);
    }
}
