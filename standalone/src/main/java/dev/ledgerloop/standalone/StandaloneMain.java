package dev.ledgerloop.standalone;

import dev.ledgerloop.platform.runtime.CommonPool;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the embedded default: {@code --data=DIR} (default {@code ./data}), {@code --port=N} (default 8080). On the
 * first start it prints the generated bootstrap API key once; it is stored only as a hash.
 */
public final class StandaloneMain {
    private StandaloneMain() {}

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        Path data = Path.of("data");
        int port = 8080;
        for (String arg : args) {
            if (arg.startsWith("--data=")) {
                data = Path.of(arg.substring("--data=".length()));
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else {
                throw new IllegalArgumentException("Unknown option " + arg + " (use --data=DIR --port=N)");
            }
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
        stopped.await();
    }
}
