package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.platform.hash.Sha256Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.Stream;
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

    @Test
    void a_new_data_directory_and_its_secrets_are_the_owners_only_from_the_start() throws Exception {
        Path data = dataDirectory.resolve("fresh").resolve("data");
        StandaloneSecrets.loadOrCreate(data);
        LocalTokenIssuer.loadOrCreate(data);
        OwnerOnlyFiles.createDirectories(data.resolve("logs"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("logs"))))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(data)) {
            files.filter(Files::isRegularFile)
                    .forEach(file -> assertThat(PosixFilePermissions.toString(uncheckedPermissions(file)))
                            .as(file.toString())
                            .isEqualTo("rw-------"));
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedPermissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
