package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.platform.hash.Sha256Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneSecretsTest {
    @TempDir
    Path dataDirectory;

    @Test
    void the_first_start_generates_secrets_and_hands_out_the_bootstrap_key_once() throws Exception {
        StandaloneSecrets first = StandaloneSecrets.loadOrCreate(dataDirectory);
        StandaloneSecrets second = StandaloneSecrets.loadOrCreate(dataDirectory);

        assertThat(first.bootstrapKeyOnce()).matches("hlp_[0-9a-f]{64}");
        assertThat(second.bootstrapKeyOnce()).isNull();
        assertThat(second.bootstrapKeyHash()).isEqualTo(Sha256Hex.of(first.bootstrapKeyOnce()));
        assertThat(second.masterKey()).isEqualTo(first.masterKey());
        assertThat(Base64.getDecoder().decode(second.masterKey())).hasSize(32);
        assertThat(second.spaceId()).isEqualTo(first.spaceId());
        assertThat(Files.readString(dataDirectory.resolve(StandaloneSecrets.FILE)))
                .doesNotContain(first.bootstrapKeyOnce());
    }
}
