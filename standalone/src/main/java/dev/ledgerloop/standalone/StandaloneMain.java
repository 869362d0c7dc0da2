package dev.ledgerloop.standalone;

import dev.ledgerloop.eventstore.embedded.log.CorruptLogException;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.logging.ConsoleAndFileLogging;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the embedded default (see {@link StandaloneOptions#USAGE}). On the first start it prints the generated
 * bootstrap API key once; it is stored only as a hash. The console shows a short summary; the full log is in
 * {@code <data>/logs/ledgerloop.log}, and on the console too with {@code --verbose}.
 */
public final class StandaloneMain {
    private StandaloneMain() {}

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        StandaloneOptions options;
        Path logFile;
        try {
            options = StandaloneOptions.parse(args);
            if (options.help()) {
                System.out.print(StandaloneOptions.USAGE);
                return;
            }
            logFile = ConsoleAndFileLogging.configure(options.data(), options.verbose(), System.getProperties());
        } catch (IllegalArgumentException refused) {
            // An unknown option or log level: said on standard error, nothing started.
            System.err.println(refused.getMessage());
            System.exit(2);
            return;
        }
        if (options.mintTokenFor() != null) {
            String token = mintToken(options.data(), options.mintTokenFor());
            System.out.println(token);
            // Standard output stays the token alone, for TOKEN=$(... --mint-token=alice).
            System.err.println("Open the inbox with it: " + inboxLink(options.port(), token));
            return;
        }
        if (options.rebuild() != null) {
            System.exit(OfflineRebuild.run(options.data(), options.rebuild(), System.out) ? 0 : 1);
            return;
        }
        run(options, logFile);
    }

    private static void run(StandaloneOptions options, Path logFile) throws IOException, InterruptedException {
        StartupReport report = new StartupReport(System.out);
        report.starting(options.data(), logFile);
        LedgerloopSystem system;
        try {
            system = LedgerloopSystem.start(options.data(), options.port());
        } catch (CorruptLogException e) {
            System.err.println("Ledgerloop did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.close();
            stopped.countDown();
        }));
        report.running(system, options.data(), logFile);
        report.keysShownOnce(system.secrets());
        stopped.await();
    }

    /**
     * The web inbox signed in with this token (docs/inbox.md): the token travels in the URL fragment, which the browser
     * never sends to a server, and the page removes it from the address bar.
     */
    static String inboxLink(int port, String token) {
        return "http://localhost:" + port + "/inbox/#token=" + token;
    }

    /** A token for the user in the data directory's space (creating the secrets and key pair on first use). */
    static String mintToken(Path data, String userId) throws IOException {
        if (userId.isBlank()) {
            throw new IllegalArgumentException("--mint-token needs a user id, e.g. --mint-token=alice");
        }
        StandaloneSecrets secrets = StandaloneSecrets.loadOrCreate(data);
        // A new data directory: this is the only chance to see its keys. Standard output is for the token alone.
        new StartupReport(System.err).keysShownOnce(secrets);
        return LocalTokenIssuer.loadOrCreate(data).mint(userId, secrets.spaceId(), LocalTokenIssuer.DEFAULT_LIFETIME);
    }
}
