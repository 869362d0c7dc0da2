package dev.ledgerloop.sdk;

import dev.ledgerloop.sdk.components.Component;
import java.time.Instant;
import java.util.List;

/**
 * A message to send: markdown text and components in clear (both sealed before sending), and the fields the server
 * reads. Immutable; each {@code with…} answers a changed copy.
 *
 * <pre>{@code
 * NewMessage.text("Deploy v2.3?").components(Components.approveReject()).askingForResponse().priority(Priority.HIGH)
 * }</pre>
 *
 * @param text the content's markdown, sealed as {@code {"text": ...}}
 * @param components the components, sealed as a JSON array; empty for none
 * @param responseRequired whether a human should answer
 * @param priority the priority
 * @param deadlineAt when an unanswered question expires, or null
 * @param referenceId the agent's own reference (≤ 200 characters), or null
 */
public record NewMessage(
        String text,
        List<Component> components,
        boolean responseRequired,
        Priority priority,
        Instant deadlineAt,
        String referenceId) {
    /** Copies the components. */
    public NewMessage {
        if (text == null) {
            throw new IllegalArgumentException("A message has text (it may be empty)");
        }
        components = components == null ? List.of() : List.copyOf(components);
        priority = priority == null ? Priority.MEDIUM : priority;
    }

    /** A message with this markdown text, no components, asking for nothing. */
    public static NewMessage text(String markdown) {
        return new NewMessage(markdown, List.of(), false, Priority.MEDIUM, null, null);
    }

    /** With these components. */
    public NewMessage components(Component... components) {
        return new NewMessage(text, List.of(components), responseRequired, priority, deadlineAt, referenceId);
    }

    /** Asking a human to answer ({@code responseRequired: true}). */
    public NewMessage askingForResponse() {
        return new NewMessage(text, components, true, priority, deadlineAt, referenceId);
    }

    /** With this priority. */
    public NewMessage priority(Priority priority) {
        return new NewMessage(text, components, responseRequired, priority, deadlineAt, referenceId);
    }

    /** Expiring unanswered at {@code deadline}. */
    public NewMessage deadline(Instant deadline) {
        return new NewMessage(text, components, responseRequired, priority, deadline, referenceId);
    }

    /** With the agent's own reference. */
    public NewMessage referenceId(String referenceId) {
        return new NewMessage(text, components, responseRequired, priority, deadlineAt, referenceId);
    }
}
