package dev.ledgerloop.gateway.authentication.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.platform.hash.Sha256Hex;
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
    void findsTheKeyByTheHashOfTheWholeKey() {
        BootstrapApiKeyDirectory directory = BootstrapApiKeyDirectory.from(properties(HASH, AGENT));

        assertThat(directory.findByHash(HASH).block()).isEqualTo(new ApiKey("bootstrap", SPACE, AGENT, "default"));
    }

    @Test
    void aConfiguredHashInUpperCaseMatchesToo() {
        BootstrapApiKeyDirectory directory =
                BootstrapApiKeyDirectory.from(properties(HASH.toUpperCase(Locale.ROOT), AGENT));

        assertThat(directory.findByHash(HASH).block()).isNotNull();
    }

    @Test
    void anotherHashFindsNothing() {
        BootstrapApiKeyDirectory directory = BootstrapApiKeyDirectory.from(properties(HASH, AGENT));

        assertThat(directory.findByHash(Sha256Hex.of(KEY + "0")).block()).isNull();
        assertThat(directory.findByHash("not-a-hash").block()).isNull();
    }

    @Test
    void withoutAConfiguredKeyNothingIsFound() {
        BootstrapApiKeyDirectory directory = BootstrapApiKeyDirectory.from(properties(null, AGENT));

        assertThat(directory.findByHash(HASH).block()).isNull();
    }

    @Test
    void withoutAConfiguredAgentIdTheDefaultAgentsIdIsDerivedFromItsName() {
        BootstrapApiKeyDirectory directory = BootstrapApiKeyDirectory.from(properties(HASH, null));

        assertThat(directory.findByHash(HASH).block().defaultAgentId())
                .isEqualTo(AgentIdentity.derived(SPACE, "default").agentId());
    }

    private static GatewayProperties properties(String keyHash, UUID agentId) {
        return new GatewayProperties(
                null, null, DataSize.ofMegabytes(1), null, keyHash, SPACE, agentId, "default", "bootstrap");
    }
}
