package dev.ledgerloop.service.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A request whose MongoDB call missed its deadline ({@code MongoConnections}) or found no server answers 503 with
 * Retry-After and the documented error body, as one whose EventStoreDB call did.
 */
class MongoUnavailableAnswerTest {
    private static final String BODY =
            "{\"error\":{\"code\":\"INTERNAL\",\"message\":\"The database is unavailable or did not answer in time; try again\"}}";

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new StalledController())
            .setControllerAdvice(new ApiExceptionHandler())
            .build();

    @Test
    void a_reply_that_did_not_come_within_the_deadline_answers_503() throws Exception {
        mvc.perform(get("/no-reply"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().json(BODY, true));
    }

    @Test
    void no_server_to_answer_answers_503() throws Exception {
        mvc.perform(get("/no-server"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().json(BODY, true));
    }

    @RestController
    static class StalledController {
        @GetMapping("/no-reply")
        void noReply() {
            throw new MongoSocketReadTimeoutException(
                    "Timeout while receiving message", new ServerAddress(), new SocketTimeoutException());
        }

        @GetMapping("/no-server")
        void noServer() {
            throw new MongoTimeoutException("Timed out while waiting for a server");
        }
    }
}
