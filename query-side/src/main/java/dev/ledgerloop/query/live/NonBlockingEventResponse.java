package dev.ledgerloop.query.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;
import org.springframework.http.MediaType;

/**
 * A stream's server-sent events written to its servlet response without ever blocking a thread: writes wait in a
 * bounded queue and go out while the connection takes them (the Servlet API's non-blocking output). A thread that
 * wrote to a slow client directly would wait for it, up to the container's write timeout, and with it every stream
 * drained on the same thread. A client that does not read ends its stream once {@code maxEvents} writes or {@code
 * maxBytes} bytes wait for it; it resumes with the last id it received (the write that did not fit is read from the
 * log again).
 */
final class NonBlockingEventResponse implements StreamOutput, WriteListener, AsyncListener {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Duration timeout;
    private final int maxEvents;
    private final long maxBytes;
    private final Queue<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean unflushed;
    private boolean ending;
    private boolean finished;
    private static final Runnable NOTHING = () -> {};

    private Runnable onFinished = NOTHING;
    private AsyncContext async;
    private ServletOutputStream out;

    /** Writes wait until {@link #start}, so a stream refused while it opens still gets its error answer. */
    NonBlockingEventResponse(
            HttpServletRequest request, HttpServletResponse response, Duration timeout, int maxEvents, long maxBytes) {
        this.request = request;
        this.response = response;
        this.timeout = timeout;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /**
     * Starts the response (200, {@code text/event-stream}) in asynchronous, non-blocking mode, on the request's own
     * thread; what was sent before goes out first.
     */
    synchronized void start() throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        async = request.startAsync(request, response);
        async.setTimeout(timeout.toMillis());
        async.addListener(this);
        out = response.getOutputStream();
        // The container calls onWritePossible once the listener is set.
        out.setWriteListener(this);
    }

    /**
     * Runs once when the response has ended, however it ended (the client gone, the timeout, {@link #complete}); never
     * while this response's lock is held, since it takes the streams' locks (their tail writes here holding those).
     */
    void whenFinished(Runnable action) {
        boolean already;
        synchronized (this) {
            already = finished;
            onFinished = action;
        }
        if (already) {
            action.run();
        }
    }

    @Override
    public void send(String events) throws IOException {
        byte[] bytes = events.getBytes(StandardCharsets.UTF_8);
        boolean refused;
        Runnable after;
        synchronized (this) {
            if (finished || ending) {
                throw new IOException("The stream has ended");
            }
            // One write alone always fits, however large: a stream catching up must be able to make progress.
            refused = queue.size() >= maxEvents || (!queue.isEmpty() && queuedBytes + bytes.length > maxBytes);
            if (refused) {
                ending = true;
            } else {
                queue.add(bytes);
                queuedBytes += bytes.length;
            }
            after = writeWhileReady();
        }
        after.run();
        if (refused) {
            throw new IOException("The client is not reading fast enough");
        }
    }

    @Override
    public void complete() {
        underLock(() -> {
            ending = true;
            return writeWhileReady();
        });
    }

    @Override
    public void onWritePossible() {
        underLock(this::writeWhileReady);
    }

    /**
     * Writes what waits while the connection takes it; the container calls back once it can take more. Answers what
     * to run once the lock is released.
     */
    private Runnable writeWhileReady() {
        if (finished || out == null) {
            return NOTHING;
        }
        try {
            while (out.isReady()) {
                byte[] next = queue.poll();
                if (next != null) {
                    queuedBytes -= next.length;
                    out.write(next);
                    unflushed = true;
                } else if (unflushed) {
                    unflushed = false;
                    out.flush();
                } else {
                    if (ending) {
                        // Finished first: completing may call onComplete on this thread, which must find it done.
                        Runnable after = finish();
                        async.complete();
                        return after;
                    }
                    return NOTHING;
                }
            }
            return NOTHING;
        } catch (IOException | IllegalStateException gone) {
            return finish();
        }
    }

    @Override
    public void onError(Throwable failure) {
        underLock(this::finishAndComplete);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        underLock(this::finish);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        underLock(this::finishAndComplete);
    }

    @Override
    public void onError(AsyncEvent event) {
        underLock(this::finishAndComplete);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    /** Runs a step under this response's lock, then the action it answers (the finished action) outside it. */
    private void underLock(Supplier<Runnable> step) {
        Runnable after;
        synchronized (this) {
            after = step.get();
        }
        after.run();
    }

    /**
     * Finishes and completes the request. A request in error that no listener completes goes to the container's error
     * page, which cannot write its JSON to a {@code text/event-stream} response already under way (and logged that as
     * an unhandled error whenever a client went away from a proxied stream).
     */
    private Runnable finishAndComplete() {
        Runnable after = finish();
        try {
            async.complete();
        } catch (IllegalStateException alreadyCompleted) {
            // Completed by the other listener's call for the same failure.
        }
        return after;
    }

    /** Marks the response finished; answers the action to run once the lock is released (nothing the second time). */
    private Runnable finish() {
        if (finished) {
            return NOTHING;
        }
        finished = true;
        queue.clear();
        queuedBytes = 0;
        return onFinished;
    }
}
