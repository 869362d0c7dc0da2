package dev.ledgerloop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** Asserts that a response is the API error body (docs/api.md §Errors) with a given status and code. */
final class ErrorBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {}

    /** The error's message, after checking status, JSON content type, shape and code. */
    static String assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = parse(response.body());
        assertThat(body.size()).as("top-level fields of %s", body).isEqualTo(1);
        JsonNode error = body.get("error");
        assertThat(error).as("error of %s", body).isNotNull();
        assertThat(error.get("code").asText()).isEqualTo(code);
        String message = error.get("message").asText();
        assertThat(message).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(response.body()).doesNotContain("trace").doesNotContain("Exception");
        return message;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
