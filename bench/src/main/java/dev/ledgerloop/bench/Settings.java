package dev.ledgerloop.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A benchmark's {@code name=value} arguments ({@link BenchArgs}) as it reads them, remembering each value it used,
 * defaults included, so that the figures are printed with exactly the settings that made them.
 */
final class Settings {
    private final String[] args;
    private final Map<String, Object> used = new LinkedHashMap<>();

    Settings(String[] args) {
        this.args = args;
    }

    int intArg(String name, int fallback) {
        int value = BenchArgs.intArg(args, name, fallback);
        used.put(name, value);
        return value;
    }

    /** The value of {@code name=...}, or null when it is not given; {@code absent} is what the settings show then. */
    String stringArg(String name, String absent) {
        String value = BenchArgs.stringArg(args, name);
        used.put(name, value == null ? absent : value);
        return value;
    }

    /** {@code name=value ...} in the order they were read. */
    @Override
    public String toString() {
        return used.entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining(" "));
    }
}
