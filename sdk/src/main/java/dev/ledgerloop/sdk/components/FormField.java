package dev.ledgerloop.sdk.components;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A field of a {@link Components#form form}: {@code {name, label, type: text|number|select|checkbox, required?,
 * options?[{label, value}]}}. Fields are immutable; {@link #required()} answers a required copy.
 *
 * @param name the key of the field's value in the answer's {@code values}
 * @param label what the human reads
 * @param type {@code text}, {@code number}, {@code select} or {@code checkbox}
 * @param isRequired whether the form cannot be submitted without it
 * @param options a select's choices, label to value, in order (empty for other types)
 */
public record FormField(
        String name, String label, String type, boolean isRequired, List<Map.Entry<String, String>> options) {
    /** Checks name, label and type. */
    public FormField {
        if (name == null || name.isEmpty() || label == null) {
            throw new IllegalArgumentException("A form field has a name and a label");
        }
        if (!List.of("text", "number", "select", "checkbox").contains(type)) {
            throw new IllegalArgumentException("A form field's type is text, number, select or checkbox");
        }
        options = options == null ? List.of() : List.copyOf(options);
        if (type.equals("select") && options.isEmpty()) {
            throw new IllegalArgumentException("A select field has options");
        }
    }

    /** A text input. */
    public static FormField text(String name, String label) {
        return new FormField(name, label, "text", false, List.of());
    }

    /** A number input. */
    public static FormField number(String name, String label) {
        return new FormField(name, label, "number", false, List.of());
    }

    /** A checkbox (its value is a boolean). */
    public static FormField checkbox(String name, String label) {
        return new FormField(name, label, "checkbox", false, List.of());
    }

    /** A choice among options, each {@code Map.entry(label, value)}. */
    @SafeVarargs
    public static FormField select(String name, String label, Map.Entry<String, String>... options) {
        return new FormField(name, label, "select", false, List.of(options));
    }

    /** The same field, required. */
    public FormField required() {
        return new FormField(name, label, type, true, options);
    }

    ObjectNode toJson() {
        ObjectNode field = Component.JSON.createObjectNode();
        field.put("name", name);
        field.put("label", label);
        field.put("type", type);
        if (isRequired) {
            field.put("required", true);
        }
        if (!options.isEmpty()) {
            ArrayNode list = field.putArray("options");
            options.forEach(
                    option -> list.addObject().put("label", option.getKey()).put("value", option.getValue()));
        }
        return field;
    }
}
