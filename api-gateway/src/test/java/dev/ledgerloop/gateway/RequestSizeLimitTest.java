package dev.ledgerloop.gateway;

import static dev.ledgerloop.gateway.ErrorBody.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestSizeLimitTest {
    private static final int MIB = 1024 * 1024;

    private static Backend commandSide;
    private static Backend querySide;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        commandSide = Backend.start("command");
        querySide = Backend.start("query");
        gateway = TestGateway.start(commandSide.uri(), querySide.uri());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        commandSide.close();
        querySide.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        commandSide.forget();
    }

    @Test
    void a_body_of_two_mebibytes_with_its_content_length_answers_413() {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions/s-1/messages")
                .POST(BodyPublishers.ofByteArray(new byte[2 * MIB]))
                .build());

        assertError(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(commandSide.receivedNothing()).isTrue();
    }

    @Test
    void a_streamed_body_of_two_mebibytes_without_content_length_answers_413() {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions/s-1/messages")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[2 * MIB])))
                .build());

        assertError(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void an_attachment_upload_has_the_larger_attachment_limit() {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions/s-1/attachments")
                .POST(BodyPublishers.ofByteArray(new byte[2 * MIB]))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(commandSide.receivedNothing()).isFalse();
    }

    @Test
    void a_body_of_exactly_the_limit_is_forwarded_whole() {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions/s-1/attachments")
                .POST(BodyPublishers.ofByteArray(new byte[MIB]))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(commandSide.nextRequest().body()).hasSize(MIB);
    }

    @Test
    void a_streamed_body_under_the_limit_is_forwarded_whole() {
        HttpResponse<String> response = gateway.send(gateway.agentRequest("/v1/agent/sessions/s-1/attachments")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[MIB - 1])))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(commandSide.nextRequest().body()).hasSize(MIB - 1);
    }

    @Test
    void an_answer_given_before_the_body_was_read_says_the_connection_closes() {
        // The server closes such a connection after answering; a client that sent its next request on it met an EOF
        // instead of an answer (the authorization matrix's refused sends did, now and then).
        HttpResponse<String> tooLarge = gateway.send(gateway.agentRequest("/v1/agent/sessions/s-1/messages")
                .POST(BodyPublishers.ofByteArray(new byte[2 * MIB]))
                .build());
        HttpResponse<String> wrongKind = gateway.send(gateway.agentRequest("/v1/human/sessions/s-1/messages")
                .POST(BodyPublishers.ofString("{\"note\":\"" + "a".repeat(4000) + "\"}"))
                .build());
        HttpResponse<String> withoutBody =
                gateway.send(gateway.agentRequest("/v1/human/feed").build());

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Connection")).contains("close");
        assertThat(wrongKind.statusCode()).isEqualTo(401);
        assertThat(wrongKind.headers().firstValue("Connection")).contains("close");
        assertThat(withoutBody.statusCode()).isEqualTo(401);
        assertThat(withoutBody.headers().firstValue("Connection")).isEmpty();
    }
}
