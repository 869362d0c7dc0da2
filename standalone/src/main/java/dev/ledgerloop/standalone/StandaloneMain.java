package dev.ledgerloop.standalone;

import dev.ledgerloop.platform.runtime.CommonPool;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the embedded default: {@code --data=DIR} (default {@code ./data}), {@code --port=N} (default 8080). On the
 * first start it prints the generated bootstrap API key once; it is stored only as a hash. {@code --mint-token=USER}
 * starts nothing: it prints a human's Bearer token for USER in the embedded space, signed by the local issuer.
 */
public final class StandaloneMain {
    private StandaloneMain() {}

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        Path data = Path.of("data");
        int port = 8080;
        String mintFor = null;
        for (String arg : args) {
            if (arg.startsWith("--data=")) {
                data = Path.of(arg.substring("--data=".length()));
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--mint-token=")) {
                mintFor = arg.substring("--mint-token=".length());
            } else {
                throw new IllegalArgumentException(
                        "Unknown option " + arg + " (use --data=DIR --port=N, or --data=DIR --mint-token=USER_ID)");
            }
        }
        if (mintFor != null) {
            System.out.println(mintToken(data, mintFor));
            return;
        }
        LedgerloopSystem system = LedgerloopSystem.start(data, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.close();
            stopped.countDown();
        }));
        String key = system.secrets().bootstrapKeyOnce();
        System.out.println();
        System.out.println(
                "Ledgerloop is running: http://localhost:" + system.gatewayPort() + " (data in " + data + ")");
        if (key != null) {
            // Printed once, to the console only (never to a log file): it is stored as a SHA-256 hash.
            System.out.println("Your API key (shown only this once): " + key);
        }
        String provisioningKey = system.secrets().provisioningKeyOnce();
        if (provisioningKey != null) {
            System.out.println(
                    "Your provisioning key, for POST /v1/provision/agents (shown only this once): " + provisioningKey);
        }
        stopped.await();
    }

    /** A token for the user in the data directory's space (creating the secrets and key pair on first use). */
    static String mintToken(Path data, String userId) throws java.io.IOException {
        if (userId.isBlank()) {
            throw new IllegalArgumentException("--mint-token needs a user id, e.g. --mint-token=alice");
        }
        StandaloneSecrets secrets = StandaloneSecrets.loadOrCreate(data);
        if (secrets.bootstrapKeyOnce() != null) {
            // The data directory was new: this is the only chance to see its bootstrap key.
            System.err.println("Your API key (shown only this once): " + secrets.bootstrapKeyOnce());
        }
        if (secrets.provisioningKeyOnce() != null) {
            System.err.println("Your provisioning key (shown only this once): " + secrets.provisioningKeyOnce());
        }
        return LocalTokenIssuer.loadOrCreate(data).mint(userId, secrets.spaceId(), LocalTokenIssuer.DEFAULT_LIFETIME);
    }
}
