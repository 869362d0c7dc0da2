package dev.ledgerloop.standalone;

import java.io.PrintStream;
import java.nio.file.Path;

/** What a start of the embedded default prints: where each part runs, where data and the log are, and new keys. */
final class StartupReport {
    private final PrintStream console;

    StartupReport(PrintStream console) {
        this.console = console;
    }

    void starting(Path data, Path logFile) {
        console.println("Starting Ledgerloop (data in " + data.toAbsolutePath() + ", log in " + logFile + ") ...");
    }

    void running(LedgerloopSystem system, Path data, Path logFile) {
        String gateway = "http://localhost:" + system.gatewayPort();
        console.println();
        console.println("Ledgerloop is running: " + gateway);
        row("gateway", gateway + " (the only public port)");
        row("command side", system.commandSideUri() + " (loopback)");
        row("query side", system.querySideUri() + " (loopback)");
        row("event store", system.eventStoreConnectionString() + " (embedded node, loopback)");
        row("MongoDB", system.mongoConnectionString() + " (embedded, loopback)");
        row("data", data.toAbsolutePath());
        row("log", logFile + " (--verbose prints it here too)");
        console.println();
    }

    /**
     * The keys of a new data directory, to this console only and never to a log: they are stored as SHA-256 hashes,
     * so this is the only time anyone sees them.
     */
    void keysShownOnce(StandaloneSecrets secrets) {
        if (secrets.bootstrapKeyOnce() != null) {
            console.println("Your API key (shown only this once): " + secrets.bootstrapKeyOnce());
        }
        if (secrets.provisioningKeyOnce() != null) {
            console.println("Your provisioning key, for POST /v1/provision/agents (shown only this once): "
                    + secrets.provisioningKeyOnce());
        }
        if (secrets.metricsTokenOnce() != null) {
            console.println("Your metrics token, for GET /actuator/prometheus on each service (shown only this once): "
                    + secrets.metricsTokenOnce());
        }
    }

    private void row(String part, Object where) {
        console.printf("  %-13s %s%n", part, where);
    }
}
