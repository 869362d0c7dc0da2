package dev.ledgerloop.sdk.components;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One UI component of a message: {@code {"type": "...", "data": {...}, "children": [...]}} (children only when there
 * are any). Made by {@link Components}; a message's components are sealed into its {@code encryptedComponents}.
 *
 * @param type the component type, such as {@code approve_reject}
 * @param data the type's fields
 * @param children nested components (a card's)
 */
public record Component(String type, ObjectNode data, List<Component> children) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the children and the data. */
    public Component {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("A component has a type");
        }
        data = data == null ? JSON.createObjectNode() : data.deepCopy();
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** The component as JSON. */
    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.set("data", data.deepCopy());
        if (!children.isEmpty()) {
            ArrayNode list = node.putArray("children");
            children.forEach(child -> list.add(child.toJson()));
        }
        return node;
    }

    /** The components as the JSON array that is sealed. */
    public static ArrayNode toJson(List<Component> components) {
        ArrayNode list = JSON.createArrayNode();
        components.forEach(component -> list.add(component.toJson()));
        return list;
    }

    /** The component's data returned as a copy, so a component cannot be changed after it is made. */
    @Override
    public ObjectNode data() {
        return data.deepCopy();
    }
}
