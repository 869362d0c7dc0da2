package dev.ledgerloop.standalone;

import dev.ledgerloop.platform.hash.Sha256Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.UUID;

/**
 * The secrets of the embedded default, generated into the data directory on first start and read back afterwards:
 * the at-rest master key, the gateway's principal-signing secret, the bootstrap API key's hash, space and agent, the
 * provisioning key's hash, the verifiable log's Ed25519 signing key and the metrics token's hash. The keys and the
 * token themselves are stored nowhere: each is handed out once, when generated (what a data directory made before it
 * existed lacks is added on its next start; deleting a hash from the file makes a new key or token on the next start).
 */
public record StandaloneSecrets(
        String masterKey,
        String principalSecret,
        String bootstrapKeyHash,
        UUID spaceId,
        UUID agentId,
        String bootstrapKeyOnce,
        String provisioningKeyHash,
        String provisioningKeyOnce,
        String logSigningKey,
        String metricsTokenHash,
        String metricsTokenOnce) {

    static final String FILE = "secrets.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Loads the secrets from {@code dataDirectory}, creating them (owner-only file) on first start. */
    public static StandaloneSecrets loadOrCreate(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            String provisioningKey = null;
            if (properties.getProperty("provisioning-key-hash") == null) {
                provisioningKey = newProvisioningKey();
                properties.setProperty("provisioning-key-hash", Sha256Hex.of(provisioningKey));
                store(dataDirectory, properties);
            }
            if (properties.getProperty("log-signing-key") == null) {
                properties.setProperty("log-signing-key", base64(randomBytes(32)));
                store(dataDirectory, properties);
            }
            String metricsToken = null;
            if (properties.getProperty("metrics-token-hash") == null) {
                metricsToken = newMetricsToken();
                properties.setProperty("metrics-token-hash", Sha256Hex.of(metricsToken));
                store(dataDirectory, properties);
            }
            return new StandaloneSecrets(
                    properties.getProperty("master-key"),
                    properties.getProperty("principal-secret"),
                    properties.getProperty("bootstrap-key-hash"),
                    UUID.fromString(properties.getProperty("space-id")),
                    UUID.fromString(properties.getProperty("agent-id")),
                    null,
                    properties.getProperty("provisioning-key-hash"),
                    provisioningKey,
                    properties.getProperty("log-signing-key"),
                    properties.getProperty("metrics-token-hash"),
                    metricsToken);
        }
        String bootstrapKey = "hlp_" + HexFormat.of().formatHex(randomBytes(32));
        String provisioningKey = newProvisioningKey();
        String metricsToken = newMetricsToken();
        StandaloneSecrets secrets = new StandaloneSecrets(
                base64(randomBytes(32)),
                base64(randomBytes(32)),
                Sha256Hex.of(bootstrapKey),
                UUID.randomUUID(),
                UUID.randomUUID(),
                bootstrapKey,
                Sha256Hex.of(provisioningKey),
                provisioningKey,
                base64(randomBytes(32)),
                Sha256Hex.of(metricsToken),
                metricsToken);
        OwnerOnlyFiles.createDirectories(dataDirectory);
        Properties properties = new Properties();
        properties.setProperty("master-key", secrets.masterKey());
        properties.setProperty("principal-secret", secrets.principalSecret());
        properties.setProperty("bootstrap-key-hash", secrets.bootstrapKeyHash());
        properties.setProperty("space-id", secrets.spaceId().toString());
        properties.setProperty("agent-id", secrets.agentId().toString());
        properties.setProperty("provisioning-key-hash", secrets.provisioningKeyHash());
        properties.setProperty("log-signing-key", secrets.logSigningKey());
        properties.setProperty("metrics-token-hash", secrets.metricsTokenHash());
        store(dataDirectory, properties);
        return secrets;
    }

    private static String newProvisioningKey() {
        return "hlp_prov_" + HexFormat.of().formatHex(randomBytes(32));
    }

    private static String newMetricsToken() {
        return "hlm_" + HexFormat.of().formatHex(randomBytes(32));
    }

    private static void store(Path dataDirectory, Properties properties) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        properties.store(content, "Generated by the Ledgerloop embedded default. Keep this file secret.");
        OwnerOnlyFiles.write(dataDirectory.resolve(FILE), content.toByteArray());
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "StandaloneSecrets[spaceId=" + spaceId + ", agentId=" + agentId + "]";
    }
}
