package dev.ledgerloop.gateway.authentication.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HumanTokenVerifierTest {
    private static final String ISSUER = "https://id.example.test";

    private final ECKey key = generate();

    @Test
    void a_token_typed_as_something_else_than_a_jwt_is_refused() throws Exception {
        HumanTokenVerifier verifier = verifier(key.toPublicJWK().toJSONString(), null);

        assertThat(verifier.verify(token(key, new JOSEObjectType("dpop+jwt"), null)))
                .isEmpty();
        assertThat(verifier.verify(token(key, JOSEObjectType.JWT, null))).isPresent();
        assertThat(verifier.verify(token(key, null, null))).isPresent();
    }

    @Test
    void with_an_audience_configured_a_token_must_name_it() throws Exception {
        HumanTokenVerifier verifier = verifier(key.toPublicJWK().toJSONString(), "ledgerloop-api");

        assertThat(verifier.verify(token(key, null, null))).isEmpty();
        assertThat(verifier.verify(token(key, null, "another-service"))).isEmpty();
        assertThat(verifier.verify(token(key, null, "ledgerloop-api"))).isPresent();
    }

    @Test
    void a_key_without_id_serves_only_the_algorithm_and_use_it_declares() throws Exception {
        ECKey unnamed = new ECKeyGenerator(Curve.P_256).generate();
        String forEncryption = new ECKey.Builder(unnamed.toPublicJWK())
                .keyUse(KeyUse.ENCRYPTION)
                .build()
                .toJSONString();
        String forEs384 = new ECKey.Builder(unnamed.toPublicJWK())
                .algorithm(JWSAlgorithm.ES384)
                .build()
                .toJSONString();
        String forEs256 = new ECKey.Builder(unnamed.toPublicJWK())
                .algorithm(JWSAlgorithm.ES256)
                .keyUse(KeyUse.SIGNATURE)
                .build()
                .toJSONString();
        String token = token(unnamed, null, null);

        assertThat(verifier(forEncryption, null).verify(token)).isEmpty();
        assertThat(verifier(forEs384, null).verify(token)).isEmpty();
        assertThat(verifier(forEs256, null).verify(token)).isPresent();
    }

    @Test
    void a_jwk_set_uri_over_plain_http_is_refused_unless_it_is_this_machine() {
        assertThatThrownBy(() -> HumanTokenVerifier.from(jwkSetUri("http://id.example.test/jwks.json")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("https");
        assertThat(HumanTokenVerifier.from(jwkSetUri("https://id.example.test/jwks.json")))
                .isPresent();
        assertThat(HumanTokenVerifier.from(jwkSetUri("http://127.0.0.1:9/jwks.json")))
                .isPresent();
    }

    private static JwtProperties jwkSetUri(String uri) {
        return new JwtProperties(ISSUER, null, URI.create(uri), Duration.ofSeconds(60), null);
    }

    private static HumanTokenVerifier verifier(String publicKey, String audience) {
        return HumanTokenVerifier.from(new JwtProperties(ISSUER, publicKey, null, Duration.ofSeconds(60), audience))
                .orElseThrow();
    }

    private static String token(ECKey signer, JOSEObjectType type, String audience) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("alice")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("space", UUID.randomUUID().toString());
        if (audience != null) {
            claims.audience(audience);
        }
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signer.getKeyID());
        if (type != null) {
            header.type(type);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims.build());
        jwt.sign(new ECDSASigner(signer));
        return jwt.serialize();
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
