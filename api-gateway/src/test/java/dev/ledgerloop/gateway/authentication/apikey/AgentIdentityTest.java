package dev.ledgerloop.gateway.authentication.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIdentityTest {
    private static final UUID SPACE = UUID.fromString("6a0f4f4e-9d7b-4c33-8f57-0d7c1b2a3e4f");
    private final ApiKey key = new ApiKey("k1", SPACE, UUID.randomUUID(), "default");

    @Test
    void aNamedAgentsIdIsTheNameBasedUuidOfItsSpaceAndName() {
        UUID expected =
                UUID.nameUUIDFromBytes(("space:" + SPACE + ":agent:deploy-bot").getBytes(StandardCharsets.UTF_8));

        assertThat(AgentIdentity.of(key, "deploy-bot")).isEqualTo(new AgentIdentity(expected, "deploy-bot"));
    }

    @Test
    void theSameNameInAnotherSpaceIsAnotherAgent() {
        assertThat(AgentIdentity.derived(UUID.randomUUID(), "deploy-bot").agentId())
                .isNotEqualTo(AgentIdentity.derived(SPACE, "deploy-bot").agentId());
    }

    @Test
    void namesAreCaseSensitive() {
        assertThat(AgentIdentity.derived(SPACE, "Deploy-Bot").agentId())
                .isNotEqualTo(AgentIdentity.derived(SPACE, "deploy-bot").agentId());
    }

    @Test
    void noNameOrTheDefaultNameActsAsTheKeysDefaultAgent() {
        AgentIdentity defaultAgent = new AgentIdentity(key.defaultAgentId(), "default");

        assertThat(AgentIdentity.of(key, null)).isEqualTo(defaultAgent);
        assertThat(AgentIdentity.of(key, "default")).isEqualTo(defaultAgent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "deploy-bot", "v1.2_agent", "A-Z.a-z_0-9"})
    void validNames(String name) {
        assertThat(AgentIdentity.isValidName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "deploy bot", "bot\n", "bot:1", "ünï", "a/b"})
    void invalidNames(String name) {
        assertThat(AgentIdentity.isValidName(name)).isFalse();
    }

    @Test
    void aNameHasAtMostAHundredCharacters() {
        assertThat(AgentIdentity.isValidName("a".repeat(100))).isTrue();
        assertThat(AgentIdentity.isValidName("a".repeat(101))).isFalse();
        assertThat(AgentIdentity.isValidName(null)).isFalse();
    }
}
