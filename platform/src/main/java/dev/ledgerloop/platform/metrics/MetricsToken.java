package dev.ledgerloop.platform.metrics;

import dev.ledgerloop.platform.hash.Sha256Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read {@code /actuator/prometheus} (docs/metrics.md): whoever presents the metrics token as {@code
 * Authorization: Bearer <token>}. Each service knows only the token's SHA-256; without one configured the endpoint
 * answers 404. The metrics cover every space of the deployment, so they are for its operator, not for a space's key.
 */
public final class MetricsToken {
    /** The path every service serves its metrics at, in the Prometheus text format. */
    public static final String PATH = "/actuator/prometheus";

    private static final String BEARER = "Bearer ";

    public enum Verdict {
        /** No token is configured: the endpoint does not exist. */
        DISABLED,
        ALLOWED,
        REFUSED
    }

    private final byte[] expectedSha256;

    private MetricsToken(byte[] expectedSha256) {
        this.expectedSha256 = expectedSha256;
    }

    /** @param sha256Hex the lowercase hex SHA-256 of the token; null or blank switches the endpoint off */
    public static MetricsToken withHash(String sha256Hex) {
        return new MetricsToken(
                sha256Hex == null || sha256Hex.isBlank()
                        ? null
                        : sha256Hex.strip().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    public Verdict check(String authorization) {
        if (expectedSha256 == null) {
            return Verdict.DISABLED;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Verdict.REFUSED;
        }
        byte[] presented =
                Sha256Hex.of(authorization.substring(BEARER.length()).strip()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expectedSha256, presented) ? Verdict.ALLOWED : Verdict.REFUSED;
    }
}
