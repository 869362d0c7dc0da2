package dev.ledgerloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class UpcastersTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void a_payload_at_the_current_version_is_left_as_it_is() {
        ObjectNode payload = JSON.objectNode().put("sessionId", "s");

        assertThat(Upcasters.none().upcast("SessionClosed", 1, 1, payload)).isSameAs(payload);
    }

    @Test
    void older_payloads_go_through_each_step_in_order() {
        Upcasters upcasters = Upcasters.none()
                .with("MessageSent", 1, payload -> renamed(payload, "text", "content"))
                .with("MessageSent", 2, payload -> ((ObjectNode) payload).put("priority", "Medium"));

        JsonNode upcast =
                upcasters.upcast("MessageSent", 1, 3, JSON.objectNode().put("text", "x"));

        assertThat(upcast).isEqualTo(JSON.objectNode().put("content", "x").put("priority", "Medium"));
    }

    @Test
    void a_missing_step_is_an_error() {
        Upcasters upcasters = Upcasters.none().with("MessageSent", 2, payload -> payload);

        assertThatThrownBy(() -> upcasters.upcast("MessageSent", 1, 3, JSON.objectNode()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No upcaster from MessageSent v1");
    }

    @Test
    void a_payload_from_newer_code_is_an_error() {
        assertThatThrownBy(() -> Upcasters.none().upcast("MessageSent", 2, 1, JSON.objectNode()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("newer code");
    }

    @Test
    void two_upcasters_for_one_step_are_refused() {
        Upcasters upcasters = Upcasters.none().with("MessageSent", 1, payload -> payload);

        assertThatThrownBy(() -> upcasters.with("MessageSent", 1, payload -> payload))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode renamed(JsonNode payload, String from, String to) {
        ObjectNode object = (ObjectNode) payload;
        object.set(to, object.remove(from));
        return object;
    }
}
