package dev.ledgerloop.bench;

/** The benchmarks' {@code name=value} command-line arguments. */
public final class BenchArgs {
    private BenchArgs() {}

    public static int intArg(String[] args, String name, int fallback) {
        String value = stringArg(args, name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** The value of {@code name=...}, or null when it is not given. */
    public static String stringArg(String[] args, String name) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return null;
    }
}
