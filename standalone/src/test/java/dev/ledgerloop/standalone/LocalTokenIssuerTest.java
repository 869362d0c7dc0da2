package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import dev.ledgerloop.platform.hash.Sha256Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default's local issuer, the --mint-token option and the provisioning key in the data directory. */
class LocalTokenIssuerTest {
    @TempDir
    Path data;

    @Test
    void tokens_are_signed_by_a_key_pair_that_survives_a_restart_and_only_its_public_half_is_handed_out()
            throws Exception {
        LocalTokenIssuer first = LocalTokenIssuer.loadOrCreate(data);
        LocalTokenIssuer again = LocalTokenIssuer.loadOrCreate(data);
        UUID space = UUID.randomUUID();

        SignedJWT token = SignedJWT.parse(first.mint("alice", space, Duration.ofMinutes(5)));

        ECKey publicKey = ECKey.parse(again.publicKeyJson());
        assertThat(publicKey.isPrivate()).isFalse();
        assertThat(token.verify(new ECDSAVerifier(publicKey))).isTrue();
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(LocalTokenIssuer.ISSUER);
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(token.getJWTClaimsSet().getStringClaim("space")).isEqualTo(space.toString());
        assertThat(Files.getPosixFilePermissions(data.resolve(LocalTokenIssuer.FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void the_mint_token_option_prints_a_token_for_the_data_directorys_space() throws Exception {
        StandaloneSecrets secrets = StandaloneSecrets.loadOrCreate(data);

        SignedJWT token = SignedJWT.parse(StandaloneMain.mintToken(data, "bob"));

        assertThat(token.verify(new ECDSAVerifier(
                        ECKey.parse(LocalTokenIssuer.loadOrCreate(data).publicKeyJson()))))
                .isTrue();
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("bob");
        assertThat(token.getJWTClaimsSet().getStringClaim("space"))
                .isEqualTo(secrets.spaceId().toString());
    }

    @Test
    void the_inbox_link_carries_the_token_in_its_fragment_only() {
        assertThat(StandaloneMain.inboxLink(8080, "aaa.bbb.ccc"))
                .isEqualTo("http://localhost:8080/inbox/#token=aaa.bbb.ccc");
    }

    @Test
    void a_data_directory_from_before_provisioning_keys_gets_one_on_its_next_start() throws Exception {
        StandaloneSecrets original = StandaloneSecrets.loadOrCreate(data);
        Properties stored = new Properties();
        try (var in = Files.newInputStream(data.resolve(StandaloneSecrets.FILE))) {
            stored.load(in);
        }
        stored.remove("provisioning-key-hash");
        try (var out = Files.newOutputStream(data.resolve(StandaloneSecrets.FILE))) {
            stored.store(out, null);
        }

        StandaloneSecrets upgraded = StandaloneSecrets.loadOrCreate(data);
        StandaloneSecrets later = StandaloneSecrets.loadOrCreate(data);

        assertThat(original.provisioningKeyOnce()).matches("hlp_prov_[0-9a-f]{64}");
        assertThat(upgraded.provisioningKeyOnce()).matches("hlp_prov_[0-9a-f]{64}");
        assertThat(later.provisioningKeyOnce()).isNull();
        assertThat(later.provisioningKeyHash()).isEqualTo(Sha256Hex.of(upgraded.provisioningKeyOnce()));
        assertThat(later.masterKey()).isEqualTo(original.masterKey());
        assertThat(later.spaceId()).isEqualTo(original.spaceId());
    }
}
