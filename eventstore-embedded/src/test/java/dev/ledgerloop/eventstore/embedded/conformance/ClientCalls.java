package dev.ledgerloop.eventstore.embedded.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.Position;
import com.eventstore.dbclient.ReadResult;
import com.eventstore.dbclient.ResolvedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** What the conformance parts build their calls from and read their answers with. */
final class ClientCalls {
    static final long TIMEOUT_SECONDS = 15;

    private ClientCalls() {}

    static AppendToStreamOptions options(ExpectedRevision expected) {
        return AppendToStreamOptions.get().expectedRevision(expected);
    }

    static List<Long> revisions(ReadResult result) {
        return result.getEvents().stream().map(e -> e.getEvent().getRevision()).toList();
    }

    static Position position(ResolvedEvent event) {
        return event.getEvent().getPosition();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The cause a future failed with, which must be of {@code type}. */
    static <T extends Throwable> T failure(CompletableFuture<?> future, Class<T> type) {
        try {
            Object value = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return fail("Expected %s but the call succeeded with %s", type.getSimpleName(), value);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(type);
            return type.cast(e.getCause());
        } catch (Exception e) {
            return fail("Expected %s but got %s", type.getSimpleName(), e);
        }
    }

    static Duration timeout() {
        return Duration.ofSeconds(TIMEOUT_SECONDS);
    }
}
