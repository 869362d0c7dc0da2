package dev.ledgerloop.service.schedule;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One thread that does what is due, then sleeps until the next thing falls due or {@link #wake()} says something
 * earlier was recorded: no polling in between. A failed round is logged and tried again after {@link
 * #retryAfterFailure()}. Subclasses say what a round does and how long until the next one.
 */
public abstract class DueWorkLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DueWorkLoop.class);

    private final String threadName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private volatile boolean running;
    private boolean wakeRequested;
    private Thread thread;

    protected DueWorkLoop(String threadName) {
        this.threadName = threadName;
    }

    /** Does everything that is due now; answers how long to sleep before the next round at the latest. */
    protected abstract Duration runDueWork();

    protected Duration retryAfterFailure() {
        return Duration.ofSeconds(5);
    }

    /** Something was recorded that may fall due before the current sleep ends: look again now. */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    protected boolean running() {
        return running;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            Duration wait;
            try {
                wait = runDueWork();
            } catch (RuntimeException e) {
                log.warn("{}: a round failed; trying again in {}", threadName, retryAfterFailure(), e);
                wait = retryAfterFailure();
            }
            sleep(wait);
        }
    }

    private void sleep(Duration wait) {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (running && !wakeRequested && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
