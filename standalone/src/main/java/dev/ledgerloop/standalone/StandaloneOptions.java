package dev.ledgerloop.standalone;

import java.nio.file.Path;

/** The embedded default's command line. */
record StandaloneOptions(Path data, int port, boolean verbose, String mintTokenFor, boolean help, String rebuild) {
    static final String USAGE =
            """
            Usage: java -jar ledgerloop-exec.jar [--data=DIR] [--port=N] [--verbose]
                   java -jar ledgerloop-exec.jar [--data=DIR] --mint-token=USER_ID
                   java -jar ledgerloop-exec.jar [--data=DIR] --rebuild=VIEW|all
              --data=DIR            where the event store, MongoDB, the secrets and the log live (default ./data)
              --port=N              the gateway's port, the only public one (default 8080)
              --verbose             print the full log on the console too; it is always in DIR/logs/ledgerloop.log
              --mint-token=USER_ID  print a human's Bearer token for USER_ID in the embedded space, start nothing;
                                    standard error shows the link that opens the web inbox with it (for --port)
              --rebuild=VIEW|all    rebuild a view (e.g. timeline) or all views from the event log, with the system
                                    stopped, then exit; nothing is sent and the log is not changed
              --help                print this
            """;

    StandaloneOptions(Path data, int port, boolean verbose, String mintTokenFor, boolean help) {
        this(data, port, verbose, mintTokenFor, help, null);
    }

    static StandaloneOptions parse(String... args) {
        StandaloneOptions options = new StandaloneOptions(Path.of("data"), 8080, false, null, false, null);
        for (String arg : args) {
            options = options.with(arg);
        }
        return options;
    }

    private StandaloneOptions with(String arg) {
        if (arg.startsWith("--data=")) {
            return new StandaloneOptions(Path.of(valueOf(arg)), port, verbose, mintTokenFor, help, rebuild);
        } else if (arg.startsWith("--port=")) {
            return new StandaloneOptions(data, Integer.parseInt(valueOf(arg)), verbose, mintTokenFor, help, rebuild);
        } else if (arg.equals("--verbose")) {
            return new StandaloneOptions(data, port, true, mintTokenFor, help, rebuild);
        } else if (arg.startsWith("--mint-token=")) {
            return new StandaloneOptions(data, port, verbose, valueOf(arg), help, rebuild);
        } else if (arg.startsWith("--rebuild=")) {
            if (valueOf(arg).isBlank()) {
                throw new IllegalArgumentException("--rebuild needs a view or all, e.g. --rebuild=timeline\n" + USAGE);
            }
            return new StandaloneOptions(data, port, verbose, mintTokenFor, help, valueOf(arg));
        } else if (arg.equals("--help")) {
            return new StandaloneOptions(data, port, verbose, mintTokenFor, true, rebuild);
        }
        throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
    }

    private static String valueOf(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
