package dev.ledgerloop.service.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ledgerloop.eventstore.EventStoreUnavailableException;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A request whose EventStoreDB call missed its deadline answers 503 with Retry-After and the documented error body. */
class EventStoreUnavailableAnswerTest {
    private static final String BODY =
            "{\"error\":{\"code\":\"INTERNAL\",\"message\":\"The event store is unavailable or did not answer in time; try again\"}}";

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new StalledController())
            .setControllerAdvice(new ApiExceptionHandler())
            .build();

    @Test
    void a_missed_deadline_answers_503_with_retry_after_and_the_error_body() throws Exception {
        mvc.perform(post("/stalled"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json(BODY, true));
    }

    @Test
    void a_missed_deadline_wrapped_by_the_command_bus_answers_503_too() throws Exception {
        mvc.perform(post("/stalled-command"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().json(BODY, true));
    }

    @RestController
    static class StalledController {
        @PostMapping("/stalled")
        void stalled() {
            throw missedDeadline();
        }

        @PostMapping("/stalled-command")
        void stalledCommand() {
            throw new CommandExecutionException("Command failed", missedDeadline());
        }

        private static EventStoreUnavailableException missedDeadline() {
            return new EventStoreUnavailableException(
                    "EventStoreDB did not answer in PT10S appending to session-1", new TimeoutException());
        }
    }
}
