package dev.ledgerloop.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The run-time guard of rule 1 (docs/concurrency.md): no wait on a thread of the common fork-join pool. */
class CompletionThreadsTest {
    @Test
    void a_wait_on_a_common_pool_thread_is_refused_with_a_message_naming_it() throws Exception {
        Throwable refusal = ForkJoinPool.commonPool()
                .submit(() -> attempt("reading stream-1"))
                .get(10, TimeUnit.SECONDS);

        assertThat(refusal)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("common fork-join pool")
                .hasMessageEndingWith("reading stream-1");
    }

    @Test
    void a_wait_on_any_other_thread_is_allowed() throws Exception {
        assertThatCode(() -> CompletionThreads.refuseToWait("reading stream-1")).doesNotThrowAnyException();

        ForkJoinPool ownPool = new ForkJoinPool(1);
        try {
            assertThat(ownPool.submit(() -> attempt("reading stream-1")).get(10, TimeUnit.SECONDS))
                    .as("a fork-join pool of our own completes no client call")
                    .isNull();
        } finally {
            ownPool.shutdown();
        }
    }

    private static Throwable attempt(String what) {
        try {
            CompletionThreads.refuseToWait(what);
            return null;
        } catch (IllegalStateException e) {
            return e;
        }
    }
}
