package dev.ledgerloop.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.query.ViewDatabases;
import dev.ledgerloop.service.parking.ParkedEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The views take the chunks a rebuild hands over in order, each at its own pace; a view that fails handles nothing
 * more, and the failure is thrown only once no view is still handling anything.
 */
class ReplayHandlersTest {
    private static final int CHUNK = 100;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final MongoDatabase database =
            ViewDatabases.servers().findFirst().orElseThrow().getPayload().get();
    private final CountDownLatch failed = new CountDownLatch(1);
    private final CountDownLatch steadyHolding = new CountDownLatch(1);
    private final CountDownLatch steadyGoesOn = new CountDownLatch(1);

    private final Recording steady = new Recording("steady", -1, 5 * CHUNK, steadyHolding, steadyGoesOn);
    private final Recording failing = new Recording("failing", 3 * CHUNK + 50, -1, failed, failed);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void every_view_handles_every_chunk_in_order() {
        ReplayHandlers handlers = handlers(steady, new Recording("other", -1, -1, failed, failed));
        steadyGoesOn.countDown();
        List<CompletableFuture<Void>> handled = new ArrayList<>();
        for (int chunk = 0; chunk < 20; chunk++) {
            handled.add(handlers.handAll(events(chunk)));
        }
        handled.forEach(handlers::await);

        assertThat(steady.seen)
                .containsExactlyElementsOf(
                        IntStream.range(0, 20 * CHUNK).boxed().toList());
    }

    @Test
    void a_failed_view_stops_and_its_failure_is_thrown_once_every_view_has_stopped() {
        ReplayHandlers handlers = handlers(steady, failing);
        List<CompletableFuture<Void>> handled = new ArrayList<>();
        for (int chunk = 0; chunk < 20; chunk++) {
            handled.add(handlers.handAll(events(chunk)));
        }
        handlers.await(handled.get(2));

        // The steady view holds its sixth chunk until released; the failing view fails in its fourth.
        CompletableFuture<Throwable> awaiting =
                CompletableFuture.supplyAsync(() -> catchThrowable(() -> handlers.await(handled.get(3))), pool);
        await().until(() -> failed.getCount() == 0 && steadyHolding.getCount() == 0);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !awaiting.isDone());
        assertThat(steady.seen).hasSize(5 * CHUNK);

        steadyGoesOn.countDown();
        assertThat(awaiting.join())
                .isInstanceOf(RebuildFailure.class)
                .hasMessageContaining("The failing handler failed on");
        assertThat(steady.seen).hasSize(20 * CHUNK);
        assertThat(failing.seen)
                .containsExactlyElementsOf(
                        IntStream.range(0, 3 * CHUNK + 50).boxed().toList());
        assertThatThrownBy(() -> handlers.await(handled.get(19))).isInstanceOf(RebuildFailure.class);
    }

    private ReplayHandlers handlers(Recording... views) {
        return ReplayHandlers.of(List.of(views), database, new ParkedEvents(database, Clock.systemUTC()), pool);
    }

    private static List<EventMessage<?>> events(int chunk) {
        return IntStream.range(chunk * CHUNK, (chunk + 1) * CHUNK)
                .<EventMessage<?>>mapToObj(GenericEventMessage::new)
                .toList();
    }

    /**
     * A view that records the numbers it handles; it fails on {@code failOn}, opening {@code reached}, and before it
     * handles {@code holdOn} opens {@code reached} and waits for {@code goOn} (for at most a few seconds).
     */
    static final class Recording implements Projection {
        final List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        private final String name;
        private final int failOn;
        private final int holdOn;
        private final CountDownLatch reached;
        private final CountDownLatch goOn;

        Recording(String name, int failOn, int holdOn, CountDownLatch reached, CountDownLatch goOn) {
            this.name = name;
            this.failOn = failOn;
            this.holdOn = holdOn;
            this.reached = reached;
            this.goOn = goOn;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> collections() {
            return List.of();
        }

        @Override
        public Object writingTo(MongoDatabase database) {
            return this;
        }

        @EventHandler
        void on(Integer number) throws InterruptedException {
            if (number == failOn) {
                reached.countDown();
                throw new IllegalStateException("failing on " + number);
            }
            if (number == holdOn) {
                reached.countDown();
                assertThat(goOn.await(10, TimeUnit.SECONDS)).isTrue();
            }
            seen.add(number);
        }
    }
}
