package dev.ledgerloop.service.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import dev.ledgerloop.eventstore.EventStoreUnavailableException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A request whose call to EventStoreDB or MongoDB missed its deadline, or found no server to answer, answers 503 with
 * Retry-After and the documented error body (docs/concurrency.md, "The deadline rule").
 */
class UnavailableStoreAnswerTest {
    private static final String EVENT_STORE = "The event store is unavailable or did not answer in time; try again";
    private static final String DATABASE = "The database is unavailable or did not answer in time; try again";

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new StalledController())
            .setControllerAdvice(new ApiExceptionHandler())
            .build();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/event-store-deadline, " + EVENT_STORE,
        "/event-store-deadline-in-a-command, " + EVENT_STORE,
        "/mongodb-deadline, " + DATABASE,
        "/mongodb-no-server, " + DATABASE
    })
    void a_missed_deadline_answers_503_with_retry_after_and_the_error_body(String path, String message)
            throws Exception {
        mvc.perform(post(path))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json("{\"error\":{\"code\":\"INTERNAL\",\"message\":\"" + message + "\"}}", true));
    }

    @RestController
    static class StalledController {
        @PostMapping("/event-store-deadline")
        void eventStoreDeadline() {
            throw missedDeadline();
        }

        @PostMapping("/event-store-deadline-in-a-command")
        void eventStoreDeadlineInACommand() {
            throw new CommandExecutionException("Command failed", missedDeadline());
        }

        @PostMapping("/mongodb-deadline")
        void mongoDbDeadline() {
            throw new MongoSocketReadTimeoutException(
                    "Timeout while receiving message", new ServerAddress(), new SocketTimeoutException());
        }

        @PostMapping("/mongodb-no-server")
        void mongoDbNoServer() {
            throw new MongoTimeoutException("Timed out while waiting for a server");
        }

        private static EventStoreUnavailableException missedDeadline() {
            return new EventStoreUnavailableException(
                    "EventStoreDB did not answer in PT10S appending to session-1", new TimeoutException());
        }
    }
}
