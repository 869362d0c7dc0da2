package dev.ledgerloop.gateway.authentication.jwt;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import dev.ledgerloop.platform.principal.Principal;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a human's JWT (signature by a configured key, {@code iss}, {@code exp}, {@code nbf}) and reads the principal
 * from it: {@code sub} is the user id, the {@code space} claim the tenant (docs/architecture.md §Gateway and identity).
 * Asymmetric algorithms only, so the gateway never holds a key that could mint tokens.
 */
public final class HumanTokenVerifier {
    static final String SPACE_CLAIM = "space";

    private final DefaultJWTProcessor<SecurityContext> processor;

    private HumanTokenVerifier(DefaultJWTProcessor<SecurityContext> processor) {
        this.processor = processor;
    }

    /** The verifier for the configuration, or empty when no issuer is configured (then Bearer tokens are refused). */
    public static Optional<HumanTokenVerifier> from(JwtProperties properties) {
        if (!properties.configured()) {
            return Optional.empty();
        }
        Set<JWSAlgorithm> algorithms = new HashSet<>(JWSAlgorithm.Family.RSA);
        algorithms.addAll(JWSAlgorithm.Family.EC);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys(properties)));
        boolean audienceRequired =
                properties.audience() != null && !properties.audience().isBlank();
        Set<String> required =
                audienceRequired ? Set.of("sub", "exp", "aud", SPACE_CLAIM) : Set.of("sub", "exp", SPACE_CLAIM);
        // Nimbus's default type check stays: a "typ" header other than JWT (e.g. a DPoP proof or a logout token) fails.
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audienceRequired ? Set.of(properties.audience().strip()) : null,
                new JWTClaimsSet.Builder().issuer(properties.issuer().strip()).build(),
                required,
                null);
        claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        return Optional.of(new HumanTokenVerifier(processor));
    }

    /** The human the token proves, or empty for any token that is malformed, forged, expired or not ours. */
    public Optional<Principal> verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            UUID space = UUID.fromString(claims.getStringClaim(SPACE_CLAIM));
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank() || subject.length() > 200 || Principal.isGuestId(subject)) {
                return Optional.empty();
            }
            return Optional.of(Principal.human(space, subject));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static JWKSource<SecurityContext> keys(JwtProperties properties) {
        String publicKey = properties.publicKey();
        boolean inline = publicKey != null && !publicKey.isBlank();
        if (inline == (properties.jwkSetUri() != null)) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.jwt.public-key",
                    inline ? "is set together with jwk-set-uri" : "is not set, and neither is jwk-set-uri",
                    "With an issuer, set exactly one: public-key (PEM, JWK or JWK set) or jwk-set-uri");
        }
        if (!inline) {
            if (!fetchableSafely(properties.jwkSetUri())) {
                throw new InvalidConfigurationException(
                        "ledgerloop.gateway.jwt.jwk-set-uri",
                        "is not https",
                        "Use the issuer's https JWK set URL (plain http only to this machine's loopback address)");
            }
            try {
                return JWKSourceBuilder.create(properties.jwkSetUri().toURL()).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new InvalidConfigurationException(
                        "ledgerloop.gateway.jwt.jwk-set-uri", "is not a URL", "Use the issuer's https JWK set URL");
            }
        }
        JWKSet keys = parse(publicKey.strip());
        // A key pasted as PEM has no key id: it then serves tokens whatever their "kid" says, as long as what the
        // key says of itself (use, alg) allows the token's algorithm.
        return (selector, context) -> {
            List<JWK> matched = selector.select(keys);
            if (!matched.isEmpty()) {
                return matched;
            }
            Set<Algorithm> tokenAlgorithms = selector.getMatcher().getAlgorithms();
            return keys.getKeys().stream()
                    .filter(key -> key.getKeyID() == null)
                    .filter(key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
                    .filter(key -> key.getAlgorithm() == null
                            || (tokenAlgorithms != null && tokenAlgorithms.contains(key.getAlgorithm())))
                    .toList();
        };
    }

    private static boolean fetchableSafely(URI uri) {
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return true;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return false;
        }
        String host = uri.getHost();
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    private static JWKSet parse(String publicKey) {
        try {
            JWKSet set;
            if (publicKey.startsWith("-----BEGIN")) {
                set = new JWKSet(fromPem(publicKey));
            } else if (publicKey.contains("\"keys\"")) {
                set = JWKSet.parse(publicKey);
            } else {
                set = new JWKSet(JWK.parse(publicKey));
            }
            // Only public parts: a private key pasted here must not make the gateway able to mint tokens.
            return set.toPublicJWKSet();
        } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.jwt.public-key",
                    "is neither a PEM public key, a JWK nor a JWK set",
                    "Paste the issuer's public key as PEM (-----BEGIN PUBLIC KEY-----) or as JWK JSON");
        }
    }

    /** A {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo) of an EC or RSA key, read with the JDK. */
    private static JWK fromPem(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(spec);
            return new ECKey.Builder(Curve.forECParameterSpec(key.getParams()), key).build();
        } catch (InvalidKeySpecException notEc) {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
            return new RSAKey.Builder(key).build();
        }
    }
}
