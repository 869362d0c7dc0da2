package dev.ledgerloop.sdk.components;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The component types of a message (docs/sdk.md §Envelope), as typed factories:
 *
 * <pre>{@code
 * List<Component> components = List.of(
 *         Components.header("Deploy v2.3"),
 *         Components.kv(Map.entry("Service", "billing"), Map.entry("Region", "eu-west-1")),
 *         Components.form("Schedule", FormField.text("window", "Window").required(), FormField.checkbox("notify", "Notify")),
 *         Components.approveReject());
 * }</pre>
 */
public final class Components {
    private Components() {}

    /** Plain text. */
    public static Component text(String content) {
        return of("text", data().put("content", content));
    }

    /** Markdown text. */
    public static Component markdown(String content) {
        return of("markdown", data().put("content", content));
    }

    /** A heading. */
    public static Component header(String title) {
        return of("header", data().put("title", title));
    }

    /** A code block without a language. */
    public static Component code(String content) {
        return of("code", data().put("content", content));
    }

    /** A code block in {@code language}. */
    public static Component code(String language, String content) {
        return of("code", data().put("language", language).put("content", content));
    }

    /** A diff of one file: hunks of context, added and removed lines. */
    public static Component diff(String filePath, List<Hunk> hunks) {
        ObjectNode data = data().put("filePath", filePath);
        ArrayNode list = data.putArray("hunks");
        for (Hunk hunk : hunks) {
            ObjectNode node = list.addObject().put("header", hunk.header());
            ArrayNode lines = node.putArray("lines");
            hunk.lines()
                    .forEach(line -> lines.addObject().put("type", line.type()).put("content", line.content()));
        }
        return of("diff", data);
    }

    /**
     * A hunk of a {@link #diff}.
     *
     * @param header such as {@code @@ -1,3 +1,4 @@}
     * @param lines the hunk's lines
     */
    public record Hunk(String header, List<DiffLine> lines) {
        /** Copies the lines. */
        public Hunk {
            lines = List.copyOf(lines);
        }

        /** A hunk of these lines. */
        public static Hunk of(String header, DiffLine... lines) {
            return new Hunk(header, List.of(lines));
        }
    }

    /** Key-value pairs, in the order given. */
    @SafeVarargs
    public static Component kv(Map.Entry<String, String>... entries) {
        return kv(List.of(entries));
    }

    /** Key-value pairs from a map, in its iteration order (use a LinkedHashMap to fix it). */
    public static Component kv(Map<String, String> entries) {
        return kv(List.copyOf(entries.entrySet()));
    }

    private static Component kv(List<Map.Entry<String, String>> entries) {
        ObjectNode data = data();
        ArrayNode list = data.putArray("entries");
        entries.forEach(entry -> list.addObject().put("key", entry.getKey()).put("value", entry.getValue()));
        return of("kv", data);
    }

    /** A progress bar, {@code value} from 0 to 100. */
    public static Component progress(int value) {
        return progress(value, null);
    }

    /** A progress bar with a label. */
    public static Component progress(int value, String label) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException("Progress is from 0 to 100");
        }
        ObjectNode data = data().put("value", value);
        if (label != null) {
            data.put("label", label);
        }
        return of("progress", data);
    }

    /** Buttons, each answering with its action. */
    public static Component buttonGroup(Button... buttons) {
        if (buttons.length == 0) {
            throw new IllegalArgumentException("A button group has buttons");
        }
        ObjectNode data = data();
        ArrayNode list = data.putArray("buttons");
        for (Button button : buttons) {
            list.add(button.toJson());
        }
        return of("button_group", data);
    }

    /** Approve and reject buttons (answers {@code approve} or {@code reject}). */
    public static Component approveReject() {
        return of("approve_reject", data());
    }

    /** Approve and reject buttons with labels of their own. */
    public static Component approveReject(String approveLabel, String rejectLabel) {
        return of("approve_reject", data().put("approveLabel", approveLabel).put("rejectLabel", rejectLabel));
    }

    /** A form; submitting answers {@code submit} with the fields' values. */
    public static Component form(FormField... fields) {
        return form(null, fields);
    }

    /** A form with a label of its own on the submit button. */
    public static Component form(String submitLabel, FormField... fields) {
        if (fields.length == 0) {
            throw new IllegalArgumentException("A form has fields");
        }
        ObjectNode data = data();
        ArrayNode list = data.putArray("fields");
        for (FormField field : fields) {
            list.add(field.toJson());
        }
        if (submitLabel != null) {
            data.put("submitLabel", submitLabel);
        }
        return of("form", data);
    }

    /** A card holding other components. */
    public static Component card(Component... children) {
        return new Component("card", data(), List.of(children));
    }

    private static Component of(String type, ObjectNode data) {
        return new Component(type, data, List.of());
    }

    private static ObjectNode data() {
        return Component.JSON.createObjectNode();
    }
}
