package dev.ledgerloop.standalone;

import dev.ledgerloop.query.projection.RebuildProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** A rebuild's progress on the console: a bar redrawn in place on a terminal, a line a second otherwise. */
final class ProgressLine {
    private static final int WIDTH = 30;
    private static final long PLAIN_EVERY_MILLIS = 1_000;

    private final PrintStream console;
    private final boolean terminal;
    private long lastPlainLine;

    ProgressLine(PrintStream console, boolean terminal) {
        this.console = console;
        this.terminal = terminal;
    }

    void show(RebuildProgress progress) {
        if (terminal) {
            console.print("\r" + bar(progress) + "  " + figures(progress) + "   ");
            console.flush();
        } else if (System.currentTimeMillis() - lastPlainLine >= PLAIN_EVERY_MILLIS) {
            lastPlainLine = System.currentTimeMillis();
            console.println(plain(progress));
        }
    }

    private static String plain(RebuildProgress progress) {
        return "rebuild " + progress.target() + ": " + progress.status() + ", " + figures(progress);
    }

    /** The final figures (a fast rebuild's only plain line before them was its first), then what was rebuilt. */
    void done(RebuildProgress progress) {
        if (terminal) {
            console.println("\r" + bar(progress) + "  " + figures(progress) + "   ");
        } else {
            console.println(plain(progress));
        }
        if (RebuildProgress.SUCCEEDED.equals(progress.status())) {
            console.printf(
                    Locale.ROOT,
                    "Rebuilt %s (%s) from %,d events in %.1f s%n",
                    progress.target(),
                    String.join(", ", progress.views()),
                    progress.eventsDone(),
                    Duration.between(progress.startedAt(), progress.finishedAt())
                                    .toMillis()
                            / 1000.0);
        } else {
            console.println(
                    "Rebuild of " + progress.target() + " failed; the views are as they were: " + progress.error());
        }
    }

    static String bar(RebuildProgress progress) {
        long total = Math.max(1, progress.eventsTotal());
        int filled = (int) Math.min(WIDTH, progress.eventsDone() * WIDTH / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", Math.min(100, progress.eventsDone() * 100 / total));
    }

    static String figures(RebuildProgress progress) {
        return String.format(
                Locale.ROOT,
                "%,d/%,d events  %,d/s  ETA %s",
                progress.eventsDone(),
                progress.eventsTotal(),
                progress.eventsPerSecond(),
                progress.etaSeconds() == null ? "-" : progress.etaSeconds() + " s");
    }
}
