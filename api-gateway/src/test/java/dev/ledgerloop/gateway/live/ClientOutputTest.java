package dev.ledgerloop.gateway.live;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ClientOutputTest {

    @Test
    void a_client_that_reads_gets_every_write_in_order_and_then_the_end() throws IOException {
        ClientOutput output = new ClientOutput(16, 1_000);
        for (int i = 0; i < 10; i++) {
            output.send("event " + i + "\n\n");
        }
        output.complete();
        StepVerifier.create(output.events(), 0)
                .thenRequest(3)
                .expectNext("event 0\n\n", "event 1\n\n", "event 2\n\n")
                .thenRequest(10)
                .expectNextCount(7)
                .verifyComplete();
    }

    @Test
    void a_client_that_does_not_read_ends_after_what_is_queued_and_the_write_that_did_not_fit_fails()
            throws IOException {
        ClientOutput output = new ClientOutput(4, 1_000);
        for (int i = 0; i < 4; i++) {
            output.send("e" + i);
        }
        assertThatThrownBy(() -> output.send("e4")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> output.send("e5")).isInstanceOf(IOException.class);
        StepVerifier.create(output.events()).expectNext("e0", "e1", "e2", "e3").verifyComplete();
    }

    @Test
    void one_write_larger_than_the_bound_still_goes_out_when_nothing_waits() throws IOException {
        ClientOutput output = new ClientOutput(100, 10);
        output.send("a write of more than ten characters");
        assertThatThrownBy(() -> output.send("x")).isInstanceOf(IOException.class);
        StepVerifier.create(output.events())
                .expectNext("a write of more than ten characters")
                .verifyComplete();
    }

    @Test
    void the_bound_on_characters_holds_too() throws IOException {
        ClientOutput output = new ClientOutput(100, 10);
        output.send("12345");
        output.send("67890");
        assertThatThrownBy(() -> output.send("x")).isInstanceOf(IOException.class);
        StepVerifier.create(output.events()).expectNext("12345", "67890").verifyComplete();
    }
}
