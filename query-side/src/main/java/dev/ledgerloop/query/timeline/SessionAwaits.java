package dev.ledgerloop.query.timeline;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.live.LiveConnections;
import dev.ledgerloop.query.paging.QueryParameters;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The agent's long-poll on a session (docs/api.md §Await): 200 with what it waits for as soon as the log's tail or the
 * views show it, 204 when {@code timeoutMs} passes first. It looks again each time the tail reads, or the timeline
 * projection takes, an answer to, or a change of the status of, one of the session's messages ({@link
 * ResponseWaiters}), so waiting costs nothing meanwhile. The session await and the legacy interaction await differ
 * only in what they wait for.
 */
@Component
public class SessionAwaits implements DisposableBean {
    static final int DEFAULT_AWAIT_MILLIS = 30_000;
    static final int MAX_AWAIT_MILLIS = 300_000;
    /**
     * The web server's own timeout of an async request, a backstop only: Tomcat looks for timed-out async requests
     * about once a second, so {@code timeoutMs=0} answered 204 after up to a second. Each await's own timer ends it.
     */
    private static final long SERVER_TIMEOUT_MARGIN_MILLIS = 5_000;

    private final ResponseWaiters waiters;
    private final LiveConnections connections;
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "await-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    SessionAwaits(ResponseWaiters waiters, LiveConnections connections) {
        this.waiters = waiters;
        this.connections = connections;
    }

    @Override
    public void destroy() {
        timeouts.shutdownNow();
    }

    /**
     * Waits for {@code awaited} to find something; the caller checked the principal's right to the session.
     *
     * @param timeout from {@link #timeoutMillis}
     * @param heard what an event of the session read from the log's tail answers, before the view shows it
     */
    public DeferredResult<ResponseEntity<Object>> await(
            Principal principal,
            UUID sessionId,
            int timeout,
            Supplier<Optional<?>> awaited,
            Function<DomainEventMessage<?>, Optional<?>> heard) {
        Runnable release = connections.open(principal);
        DeferredResult<ResponseEntity<Object>> result = new DeferredResult<>(
                timeout + SERVER_TIMEOUT_MARGIN_MILLIS,
                ResponseEntity.noContent().build());
        AtomicReference<Future<?>> timer = new AtomicReference<>();
        Consumer<Optional<?>> answer = found -> found.ifPresent(item -> result.setResult(ResponseEntity.ok(item)));
        ResponseWaiters.Waiter waiter = new ResponseWaiters.Waiter() {
            @Override
            public void lookAgain() {
                answer.accept(awaited.get());
            }

            @Override
            public void heard(DomainEventMessage<?> event) {
                answer.accept(heard.apply(event));
            }
        };
        // Registered before the first look, so an answer projected in between still wakes this request.
        Runnable cancel = waiters.register(
                sessionId,
                waiter,
                () -> result.setResult(ResponseEntity.noContent().build()));
        result.onCompletion(() -> {
            cancel.run();
            release.run();
            Optional.ofNullable(timer.get()).ifPresent(running -> running.cancel(false));
        });
        try {
            waiter.lookAgain();
        } catch (RuntimeException failed) {
            // The request fails before the result is handed to the server, so its completion would never run.
            cancel.run();
            release.run();
            throw failed;
        }
        if (!result.hasResult()) {
            try {
                timer.set(timeouts.schedule(
                        () -> result.setResult(ResponseEntity.noContent().build()), timeout, TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException stopping) {
                result.setResult(ResponseEntity.noContent().build());
            }
        }
        return result;
    }

    /** The request's {@code timeoutMs}: 0–300000, default 30000; anything else answers 400, before any other work. */
    public static int timeoutMillis(String timeoutMs) {
        return QueryParameters.wholeNumber("timeoutMs", timeoutMs, DEFAULT_AWAIT_MILLIS, 0, MAX_AWAIT_MILLIS);
    }

    /** For an await that only the view answers. */
    public static Optional<?> viewOnly(DomainEventMessage<?> event) {
        return Optional.empty();
    }
}
