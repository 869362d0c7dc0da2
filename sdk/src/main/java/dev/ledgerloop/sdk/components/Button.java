package dev.ledgerloop.sdk.components;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A button of a {@link Components#buttonGroup button group}. Pressing it answers the message with {@code {"action":
 * <action>}}.
 *
 * @param label what the human reads
 * @param action the answer's {@code action}
 * @param variant a style hint such as {@code primary} or {@code danger}, or null
 */
public record Button(String label, String action, String variant) {
    /** Checks label and action. */
    public Button {
        if (label == null || label.isEmpty() || action == null || action.isEmpty()) {
            throw new IllegalArgumentException("A button has a label and an action");
        }
    }

    /** A button without a variant. */
    public static Button of(String label, String action) {
        return new Button(label, action, null);
    }

    /** A button with a variant. */
    public static Button of(String label, String action, String variant) {
        return new Button(label, action, variant);
    }

    ObjectNode toJson() {
        ObjectNode button = Component.JSON.createObjectNode();
        button.put("label", label);
        button.put("action", action);
        if (variant != null) {
            button.put("variant", variant);
        }
        return button;
    }
}
