package dev.ledgerloop.standalone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The embedded default's local token issuer for humans (docs/architecture.md §Gateway and identity): an ES256 key pair
 * generated into the data directory on first start. The gateway is given only the public key; {@link #mint} signs
 * tokens for a user of the embedded space, for development and tests ({@code java -jar ledgerloop-exec.jar
 * --mint-token=<userId>}).
 */
public final class LocalTokenIssuer {
    public static final String ISSUER = "urn:ledgerloop:embedded";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);
    static final String FILE = "token-issuer.jwk.json";

    private final ECKey key;
    private final Clock clock;

    private LocalTokenIssuer(ECKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** Loads the signing key from {@code dataDirectory}, creating it (owner-only file) on first start. */
    public static LocalTokenIssuer loadOrCreate(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return new LocalTokenIssuer(ECKey.parse(Files.readString(file)), Clock.systemUTC());
            }
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
            OwnerOnlyFiles.createDirectories(dataDirectory);
            OwnerOnlyFiles.write(file, key.toJSONString().getBytes(StandardCharsets.UTF_8));
            return new LocalTokenIssuer(key, Clock.systemUTC());
        } catch (ParseException | JOSEException e) {
            throw new IOException("The token issuer key in " + file + " is unreadable; delete it to make a new one", e);
        }
    }

    /** The public key the gateway verifies with (JWK JSON, no private part). */
    public String publicKeyJson() {
        return key.toPublicJWK().toJSONString();
    }

    /** A token for {@code userId} in {@code spaceId}, valid for {@code lifetime}. */
    public String mint(String userId, UUID spaceId, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId)
                .claim("space", spaceId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token with the local issuer's key", e);
        }
        return jwt.serialize();
    }
}
