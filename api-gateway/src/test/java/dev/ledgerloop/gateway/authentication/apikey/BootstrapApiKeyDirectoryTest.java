package dev.ledgerloop.gateway.authentication.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.platform.hash.Sha256Hex;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class BootstrapApiKeyDirectoryTest {
    private static final String KEY = "hlp_" + "0123456789abcdef".repeat(4);
    private static final String HASH = Sha256Hex.of(KEY);
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();

    @Test
    void finds_the_key_by_the_hash_of_the_whole_key() {
        BootstrapApiKeyDirectory directory = BootstrapApiKeyDirectory.from(properties(HASH, AGENT));

        assertThat(directory.findByHash(HASH).block())
                .isEqualTo(new ApiKey("bootstrap", SPACE, AGENT, "default", List.of("agent", "owner")));
    }

    @Test
    void a_configured_hash_in_upper_case_matches_too() {
        BootstrapApiKeyDirectory directory =
                BootstrapApiKeyDirectory.from(properties(HASH.toUpperCase(Locale.ROOT), AGENT));

        assertThat(directory.findByHash(HASH).block()).isNotNull();
    }

    @Test
    void another_hash_finds_nothing() {
        BootstrapApiKeyDirectory directory = BootstrapApiKeyDirectory.from(properties(HASH, AGENT));

        assertThat(directory.findByHash(Sha256Hex.of(KEY + "0")).block()).isNull();
        assertThat(directory.findByHash("not-a-hash").block()).isNull();
    }

    @Test
    void without_a_configured_key_nothing_is_found() {
        BootstrapApiKeyDirectory directory = BootstrapApiKeyDirectory.from(properties(null, AGENT));

        assertThat(directory.findByHash(HASH).block()).isNull();
    }

    @Test
    void without_a_configured_agent_id_the_default_agents_id_is_derived_from_its_name() {
        BootstrapApiKeyDirectory directory = BootstrapApiKeyDirectory.from(properties(HASH, null));

        assertThat(directory.findByHash(HASH).block().defaultAgentId())
                .isEqualTo(AgentIdentity.derived(SPACE, "default").agentId());
    }

    private static GatewayProperties properties(String keyHash, UUID agentId) {
        return new GatewayProperties(
                null, null, DataSize.ofMegabytes(1), null, keyHash, SPACE, agentId, "default", "bootstrap");
    }
}
