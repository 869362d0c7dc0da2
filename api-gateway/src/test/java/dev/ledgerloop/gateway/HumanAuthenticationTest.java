package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HumanAuthenticationTest {
    private static final String ISSUER = "https://id.example.test";
    private static final UUID SPACE = UUID.randomUUID();

    private static ECKey issuerKey;
    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;
    private static PrincipalHeaders backendVerifier;

    @BeforeAll
    static void start() throws Exception {
        issuerKey = newKey();
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(
                commandSide.uri(),
                querySide.uri(),
                Map.of(
                        "ledgerloop.gateway.jwt.issuer",
                        ISSUER,
                        "ledgerloop.gateway.jwt.public-key",
                        issuerKey.toPublicJWK().toJSONString()));
        backendVerifier = new PrincipalHeaders(gateway.secret, Clock.systemUTC(), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        commandSide.forget();
        querySide.forget();
    }

    @Test
    void a_valid_token_reaches_the_backend_as_the_human_of_its_space_without_the_token() throws Exception {
        String token = token(issuerKey, ISSUER, "alice", SPACE, Instant.now().plusSeconds(300));

        HttpResponse<String> response = gateway.send(gateway.request("/v1/human/feed")
                .header("Authorization", "Bearer " + token)
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        Backend.Received received = querySide.nextRequest();
        assertThat(backendVerifier.verify(
                        received.header(PrincipalHeaders.PRINCIPAL),
                        received.header(PrincipalHeaders.TIMESTAMP),
                        received.header(PrincipalHeaders.SIGNATURE),
                        received.method(),
                        received.path()))
                .contains(Principal.human(SPACE, "alice"));
        assertThat(received.header("Authorization")).isNull();
    }

    @Test
    void an_expired_token_answers_401() throws Exception {
        String token = token(issuerKey, ISSUER, "alice", SPACE, Instant.now().minusSeconds(3600));

        assertRefused(token);
    }

    @Test
    void a_token_of_another_issuer_answers_401() throws Exception {
        assertRefused(token(
                issuerKey,
                "https://evil.example.test",
                "alice",
                SPACE,
                Instant.now().plusSeconds(300)));
    }

    @Test
    void a_token_signed_by_another_key_answers_401() throws Exception {
        assertRefused(token(newKey(), ISSUER, "alice", SPACE, Instant.now().plusSeconds(300)));
    }

    @Test
    void a_token_without_a_space_answers_401() throws Exception {
        assertRefused(token(issuerKey, ISSUER, "alice", null, Instant.now().plusSeconds(300)));
    }

    @Test
    void a_token_that_is_garbage_answers_401() {
        assertRefused("not.a.jwt");
    }

    @Test
    void a_human_cannot_use_agent_routes_nor_an_agent_key_human_routes() throws Exception {
        String token = token(issuerKey, ISSUER, "alice", SPACE, Instant.now().plusSeconds(300));

        HttpResponse<String> human = gateway.send(gateway.request("/v1/agent/sessions")
                .header("Authorization", "Bearer " + token)
                .POST(BodyPublishers.ofString("{}"))
                .build());
        HttpResponse<String> agent =
                gateway.send(gateway.agentRequest("/v1/human/feed").build());

        assertError(human, 401, "UNAUTHENTICATED");
        assertError(agent, 401, "UNAUTHENTICATED");
        assertThat(commandSide.receivedNothing()).isTrue();
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/%61gent/sessions", "/v1/agent;x=1/sessions", "/v1//agent/sessions"})
    void no_spelling_of_an_agent_route_takes_a_humans_token(String path) throws Exception {
        String token = token(issuerKey, ISSUER, "alice", SPACE, Instant.now().plusSeconds(300));

        HttpResponse<String> response = gateway.send(gateway.request(path)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());

        assertError(response, 400, "VALIDATION_ERROR");
        assertThat(querySide.receivedNothing()).isTrue();
    }

    @Test
    void a_pem_public_key_works_too() throws Exception {
        java.security.interfaces.ECPublicKey publicKey = issuerKey.toECPublicKey();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try (TestGateway pemGateway = TestGateway.start(
                commandSide.uri(),
                querySide.uri(),
                Map.of("ledgerloop.gateway.jwt.issuer", ISSUER, "ledgerloop.gateway.jwt.public-key", pem))) {
            String token = token(issuerKey, ISSUER, "bob", SPACE, Instant.now().plusSeconds(300));

            HttpResponse<String> response = pemGateway.send(pemGateway
                    .request("/v1/human/feed")
                    .header("Authorization", "Bearer " + token)
                    .build());

            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void keys_can_come_from_the_issuers_jwk_set_uri() throws Exception {
        try (Backend issuer = Backend.start("issuer")) {
            issuer.answerWith(
                    Backend.Answer.json(200, new com.nimbusds.jose.jwk.JWKSet(issuerKey.toPublicJWK()).toString()));
            try (TestGateway jwksGateway = TestGateway.start(
                    commandSide.uri(),
                    querySide.uri(),
                    Map.of(
                            "ledgerloop.gateway.jwt.issuer",
                            ISSUER,
                            "ledgerloop.gateway.jwt.jwk-set-uri",
                            issuer.uri() + "/.well-known/jwks.json"))) {
                String token =
                        token(issuerKey, ISSUER, "carol", SPACE, Instant.now().plusSeconds(300));

                HttpResponse<String> valid = jwksGateway.send(jwksGateway
                        .request("/v1/human/feed")
                        .header("Authorization", "Bearer " + token)
                        .build());
                HttpResponse<String> forged = jwksGateway.send(jwksGateway
                        .request("/v1/human/feed")
                        .header(
                                "Authorization",
                                "Bearer "
                                        + token(
                                                newKey(),
                                                ISSUER,
                                                "carol",
                                                SPACE,
                                                Instant.now().plusSeconds(300)))
                        .build());

                assertThat(valid.statusCode()).isEqualTo(200);
                assertError(forged, 401, "UNAUTHENTICATED");
                assertThat(issuer.nextRequest().uri()).isEqualTo("/.well-known/jwks.json");
            }
        }
    }

    private static void assertRefused(String token) {
        HttpResponse<String> response = gateway.send(gateway.request("/v1/human/feed")
                .header("Authorization", "Bearer " + token)
                .build());

        assertError(response, 401, "UNAUTHENTICATED");
        assertThat(querySide.receivedNothing()).isTrue();
    }

    private static ECKey newKey() throws Exception {
        return new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .generate();
    }

    static String token(ECKey key, String issuer, String subject, UUID space, Instant expiresAt) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .issueTime(Date.from(expiresAt.minusSeconds(3600)))
                .expirationTime(Date.from(expiresAt));
        if (space != null) {
            claims.claim("space", space.toString());
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
