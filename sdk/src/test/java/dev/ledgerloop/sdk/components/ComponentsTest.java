package dev.ledgerloop.sdk.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentsTest {
    @Test
    void components_are_written_as_the_contract_spells_them() {
        List<Component> components = List.of(
                Components.header("Deploy"),
                Components.kv(Map.entry("Service", "billing")),
                Components.buttonGroup(Button.of("Ship", "ship", "primary"), Button.of("Wait", "wait")),
                Components.approveReject("Yes", "No"),
                Components.form(
                        "Schedule",
                        FormField.text("window", "Window").required(),
                        FormField.number("replicas", "Replicas"),
                        FormField.select("region", "Region", Map.entry("EU", "eu"), Map.entry("US", "us")),
                        FormField.checkbox("notify", "Notify")),
                Components.card(Components.markdown("**bold**"), Components.progress(40, "rollout")),
                Components.diff(
                        "a.txt",
                        List.of(Components.Hunk.of("@@ -1 +1 @@", DiffLine.remove("old"), DiffLine.add("new")))),
                Components.code("java", "int x;"));

        assertThat(Component.toJson(components).toString())
                .isEqualTo("[{\"type\":\"header\",\"data\":{\"title\":\"Deploy\"}},"
                        + "{\"type\":\"kv\",\"data\":{\"entries\":[{\"key\":\"Service\",\"value\":\"billing\"}]}},"
                        + "{\"type\":\"button_group\",\"data\":{\"buttons\":[{\"label\":\"Ship\",\"action\":\"ship\",\"variant\":\"primary\"},{\"label\":\"Wait\",\"action\":\"wait\"}]}},"
                        + "{\"type\":\"approve_reject\",\"data\":{\"approveLabel\":\"Yes\",\"rejectLabel\":\"No\"}},"
                        + "{\"type\":\"form\",\"data\":{\"fields\":[{\"name\":\"window\",\"label\":\"Window\",\"type\":\"text\",\"required\":true},"
                        + "{\"name\":\"replicas\",\"label\":\"Replicas\",\"type\":\"number\"},"
                        + "{\"name\":\"region\",\"label\":\"Region\",\"type\":\"select\",\"options\":[{\"label\":\"EU\",\"value\":\"eu\"},{\"label\":\"US\",\"value\":\"us\"}]},"
                        + "{\"name\":\"notify\",\"label\":\"Notify\",\"type\":\"checkbox\"}],\"submitLabel\":\"Schedule\"}},"
                        + "{\"type\":\"card\",\"data\":{},\"children\":[{\"type\":\"markdown\",\"data\":{\"content\":\"**bold**\"}},"
                        + "{\"type\":\"progress\",\"data\":{\"value\":40,\"label\":\"rollout\"}}]},"
                        + "{\"type\":\"diff\",\"data\":{\"filePath\":\"a.txt\",\"hunks\":[{\"header\":\"@@ -1 +1 @@\",\"lines\":[{\"type\":\"remove\",\"content\":\"old\"},{\"type\":\"add\",\"content\":\"new\"}]}]}},"
                        + "{\"type\":\"code\",\"data\":{\"language\":\"java\",\"content\":\"int x;\"}}]");
    }

    @Test
    void malformed_components_are_refused_when_made() {
        assertThatThrownBy(() -> Components.progress(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormField.select("a", "A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Components::buttonGroup).isInstanceOf(IllegalArgumentException.class);
    }
}
