package dev.ledgerloop.gateway.authentication.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIdentityTest {
    private static final UUID SPACE = UUID.fromString("6a0f4f4e-9d7b-4c33-8f57-0d7c1b2a3e4f");
    private final ApiKey key = new ApiKey("k1", SPACE, UUID.randomUUID(), "default", null);

    @Test
    void a_named_agents_id_is_the_name_based_uuid_of_its_space_and_name() {
        UUID expected =
                UUID.nameUUIDFromBytes(("space:" + SPACE + ":agent:deploy-bot").getBytes(StandardCharsets.UTF_8));

        assertThat(AgentIdentity.of(key, "deploy-bot")).isEqualTo(new AgentIdentity(expected, "deploy-bot"));
    }

    @Test
    void the_same_name_in_another_space_is_another_agent() {
        assertThat(AgentIdentity.derived(UUID.randomUUID(), "deploy-bot").agentId())
                .isNotEqualTo(AgentIdentity.derived(SPACE, "deploy-bot").agentId());
    }

    @Test
    void names_are_case_sensitive() {
        assertThat(AgentIdentity.derived(SPACE, "Deploy-Bot").agentId())
                .isNotEqualTo(AgentIdentity.derived(SPACE, "deploy-bot").agentId());
    }

    @Test
    void no_name_or_the_default_name_acts_as_the_keys_default_agent() {
        AgentIdentity defaultAgent = new AgentIdentity(key.defaultAgentId(), "default");

        assertThat(AgentIdentity.of(key, null)).isEqualTo(defaultAgent);
        assertThat(AgentIdentity.of(key, "default")).isEqualTo(defaultAgent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "deploy-bot", "v1.2_agent", "A-Z.a-z_0-9"})
    void letters_digits_dots_dashes_and_underscores_make_a_valid_name(String name) {
        assertThat(AgentIdentity.isValidName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "deploy bot", "bot\n", "bot:1", "ünï", "a/b"})
    void blanks_spaces_control_characters_colons_slashes_and_non_ascii_letters_make_an_invalid_name(String name) {
        assertThat(AgentIdentity.isValidName(name)).isFalse();
    }

    @Test
    void a_name_has_at_most_a_hundred_characters() {
        assertThat(AgentIdentity.isValidName("a".repeat(100))).isTrue();
        assertThat(AgentIdentity.isValidName("a".repeat(101))).isFalse();
        assertThat(AgentIdentity.isValidName(null)).isFalse();
    }
}
