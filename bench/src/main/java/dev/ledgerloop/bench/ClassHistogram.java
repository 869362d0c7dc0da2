package dev.ledgerloop.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes whose instances hold the most heap in this JVM, from {@code jcmd <pid> GC.class_histogram} (which runs a
 * full collection first), when {@code jcmd} is on the PATH.
 */
final class ClassHistogram {
    private static final Pattern ROW = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(.+)");
    private static final Pattern TOTAL = Pattern.compile("Total\\s+(\\d+)\\s+(\\d+)");
    private static final long TIMEOUT_SECONDS = 120;

    private ClassHistogram() {}

    static void printTop(int classes) throws Exception {
        Optional<Path> jcmd = onPath("jcmd");
        if (jcmd.isEmpty()) {
            System.out.println("class histogram: skipped, no jcmd on the PATH");
            return;
        }
        Path output = Files.createTempFile("ledgerloop-class-histogram-", ".txt");
        try {
            Process process = new ProcessBuilder(
                            jcmd.get().toString(),
                            Long.toString(ProcessHandle.current().pid()),
                            "GC.class_histogram")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                System.out.printf("class histogram: skipped, jcmd took more than %d s%n", TIMEOUT_SECONDS);
                return;
            }
            List<String> lines = Files.readAllLines(output);
            if (process.exitValue() != 0) {
                System.out.printf(
                        "class histogram: skipped, jcmd exited with %d: %s%n",
                        process.exitValue(), String.join(" / ", lines.subList(0, Math.min(3, lines.size()))));
                return;
            }
            print(lines, classes);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** jcmd lists the classes by bytes, most first. */
    private static void print(List<String> lines, int classes) {
        System.out.printf(
                "top %d classes by bytes (jcmd GC.class_histogram, after its own full collection):%n", classes);
        int printed = 0;
        for (String line : lines) {
            Matcher row = ROW.matcher(line);
            if (printed < classes && row.matches()) {
                System.out.printf(
                        "  %,9.1f MiB %,12d instances  %s%n",
                        Long.parseLong(row.group(2)) / (1024.0 * 1024), Long.parseLong(row.group(1)), row.group(3));
                printed++;
            }
            Matcher total = TOTAL.matcher(line.strip());
            if (total.matches()) {
                System.out.printf(
                        "  %,9.1f MiB %,12d instances  in all%n",
                        Long.parseLong(total.group(2)) / (1024.0 * 1024), Long.parseLong(total.group(1)));
            }
        }
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
