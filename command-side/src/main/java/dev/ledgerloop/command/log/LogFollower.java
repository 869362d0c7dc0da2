package dev.ledgerloop.command.log;

import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.eventstore.RawRecords;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A thread of its own that follows {@code $all} as stored, page by page from a position it keeps, and waits on the
 * engine's new-event signal when it reaches the end: nothing polls, and it never waits on the common pool
 * (docs/concurrency.md). Woken, it lets the events of the next {@code batchDelay} gather, so that under load a page
 * holds many events and is stored with a few writes. A page that fails is read again from what is stored, after a pause.
 */
abstract class LogFollower implements SmartLifecycle {
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final EventStoreDbStorageEngine engine;
    private final String threadName;
    private final int pageSize;
    private final Duration batchDelay;
    private volatile boolean running;
    private Thread thread;

    LogFollower(EventStoreDbStorageEngine engine, String threadName, int pageSize, Duration batchDelay) {
        this.engine = engine;
        this.threadName = threadName;
        this.pageSize = pageSize;
        this.batchDelay = batchDelay;
    }

    /** Whether to follow at all (saying why not). */
    protected abstract boolean enabled();

    /** The stored position to read after; also drops whatever is kept in memory, which may be ahead of the store. */
    protected abstract EventStoreDbPositionToken resume();

    /**
     * Handles one page and stores its outcome, position last.
     *
     * @return how long to wait for new events at most when the page was the last one
     */
    protected abstract Duration handle(RawRecords page, EventStoreDbPositionToken after);

    @Override
    public void start() {
        if (!enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        EventStoreDbPositionToken position = null;
        while (running) {
            try {
                if (position == null) {
                    position = resume();
                }
                long generation = engine.newEventsGeneration();
                RawRecords page = engine.readRaw(position, pageSize);
                Duration idle = handle(page, position);
                position = page.last();
                if (!page.full() && engine.awaitNewEvents(generation, idle)) {
                    // Woken by the first new event: the ones written meanwhile come in the same page.
                    Thread.sleep(batchDelay.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("{} could not read or store a page; trying again in {}", threadName, RETRY_AFTER_FAILURE, e);
                position = null;
                try {
                    Thread.sleep(RETRY_AFTER_FAILURE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
