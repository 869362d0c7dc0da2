package dev.ledgerloop.standalone;

import dev.ledgerloop.query.projection.RebuildProgress;
import dev.ledgerloop.query.projection.Rebuilds;
import dev.ledgerloop.service.ApiException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code --rebuild=VIEW|all}: rebuilds views on a stopped system's data directory and exits (docs/replay.md §Rebuild).
 * Only the stores and the query side run, on loopback: the command side, which sends webhooks and expires deadlines,
 * does not, and no public port opens.
 */
final class OfflineRebuild {
    private static final Duration TICK = Duration.ofMillis(200);

    private OfflineRebuild() {}

    /** True when the rebuild succeeded. */
    static boolean run(Path data, String view, PrintStream console) throws Exception {
        try (LedgerloopSystem.QuerySideOnly querySide = LedgerloopSystem.startQuerySideOnly(data)) {
            Rebuilds rebuilds = querySide.context().getBean(Rebuilds.class);
            RebuildProgress progress;
            try {
                progress = rebuilds.start(view);
            } catch (ApiException e) {
                console.println(e.getMessage());
                return false;
            }
            ProgressLine line = new ProgressLine(console, System.console() != null);
            while (!progress.finished()) {
                line.show(progress);
                Thread.sleep(TICK.toMillis());
                progress = rebuilds.latest().orElseThrow();
            }
            line.done(progress);
            return RebuildProgress.SUCCEEDED.equals(progress.status());
        }
    }
}
