package dev.ledgerloop.standalone;

import java.nio.file.Path;

/** The embedded default's command line. */
record StandaloneOptions(Path data, int port, boolean verbose, String mintTokenFor, boolean help) {
    static final String USAGE =
            """
            Usage: java -jar ledgerloop-exec.jar [--data=DIR] [--port=N] [--verbose]
                   java -jar ledgerloop-exec.jar [--data=DIR] --mint-token=USER_ID
              --data=DIR            where the event store, MongoDB, the secrets and the log live (default ./data)
              --port=N              the gateway's port, the only public one (default 8080)
              --verbose             print the full log on the console too; it is always in DIR/logs/ledgerloop.log
              --mint-token=USER_ID  print a human's Bearer token for USER_ID in the embedded space, start nothing
              --help                print this
            """;

    static StandaloneOptions parse(String... args) {
        StandaloneOptions options = new StandaloneOptions(Path.of("data"), 8080, false, null, false);
        for (String arg : args) {
            options = options.with(arg);
        }
        return options;
    }

    private StandaloneOptions with(String arg) {
        if (arg.startsWith("--data=")) {
            return new StandaloneOptions(Path.of(valueOf(arg)), port, verbose, mintTokenFor, help);
        } else if (arg.startsWith("--port=")) {
            return new StandaloneOptions(data, Integer.parseInt(valueOf(arg)), verbose, mintTokenFor, help);
        } else if (arg.equals("--verbose")) {
            return new StandaloneOptions(data, port, true, mintTokenFor, help);
        } else if (arg.startsWith("--mint-token=")) {
            return new StandaloneOptions(data, port, verbose, valueOf(arg), help);
        } else if (arg.equals("--help")) {
            return new StandaloneOptions(data, port, verbose, mintTokenFor, true);
        }
        throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
    }

    private static String valueOf(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
