package dev.ledgerloop.service.web.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;

class RequestRecordConverterTest {
    private final RequestRecordConverter converter =
            new RequestRecordConverter(new ObjectMapper().registerModule(new JavaTimeModule()));

    enum Size {
        Small,
        Large
    }

    @RequestRecord
    record Example(
            EncryptedEnvelope content,
            Boolean flag,

            @IfMistyped("must be a whole number from 0 to 10")
            Integer count,

            Instant at,
            UUID id,
            Size size,
            String text,

            @IfMistyped(value = "must be a list of ids", item = "must hold ids")
            List<UUID> ids) {}

    @Test
    void a_value_of_the_wrong_json_type_names_the_field_and_what_it_must_be() {
        assertThat(problem("{\"flag\":\"true\"}")).isEqualTo("Field 'flag' must be true or false");
        assertThat(problem("{\"flag\":1}")).isEqualTo("Field 'flag' must be true or false");
        assertThat(problem("{\"count\":\"5\"}")).isEqualTo("Field 'count' must be a whole number from 0 to 10");
        assertThat(problem("{\"count\":1.5}")).isEqualTo("Field 'count' must be a whole number from 0 to 10");
        assertThat(problem("{\"at\":12}"))
                .isEqualTo(
                        "Field 'at' must be an ISO-8601 UTC timestamp from 1970 to 9999, such as 2026-03-25T10:30:00.000Z");
        assertThat(problem("{\"at\":\"yesterday\"}"))
                .isEqualTo(
                        "Field 'at' must be an ISO-8601 UTC timestamp from 1970 to 9999, such as 2026-03-25T10:30:00.000Z");
        assertThat(problem("{\"at\":\"+1000000000-01-01T00:00:00Z\"}"))
                .isEqualTo(
                        "Field 'at' must be an ISO-8601 UTC timestamp from 1970 to 9999, such as 2026-03-25T10:30:00.000Z");
        assertThat(problem("{\"at\":\"1969-12-31T23:59:59Z\"}"))
                .isEqualTo(
                        "Field 'at' must be an ISO-8601 UTC timestamp from 1970 to 9999, such as 2026-03-25T10:30:00.000Z");
        assertThat(problem("{\"id\":\"x\"}")).isEqualTo("Field 'id' must be a UUID");
        assertThat(problem("{\"size\":\"Huge\"}")).isEqualTo("Field 'size' must be one of Small, Large");
        assertThat(problem("{\"size\":0}")).isEqualTo("Field 'size' must be one of Small, Large");
        assertThat(problem("{\"text\":5}")).isEqualTo("Field 'text' must be a string");
        assertThat(problem("{\"ids\":5}")).isEqualTo("Field 'ids' must be a list of ids");
        assertThat(problem("{\"ids\":[\"x\"]}")).isEqualTo("Field 'ids' must hold ids");
    }

    @Test
    void an_envelope_is_checked_as_the_envelope_parser_does() {
        assertThat(problem("{\"content\":{\"v\":2}}")).isEqualTo("Field 'content.v' must be 1");
        assertThat(problem("{\"content\":\"nope\"}"))
                .isEqualTo("Field 'content' must be an encrypted envelope object or a string holding one");
    }

    @Test
    void a_body_that_is_not_an_object_is_refused_and_null_binds_as_empty() throws Exception {
        assertThat(problem("[1]")).isEqualTo("The request body must be a JSON object");
        assertThat(read("null")).isEqualTo(new Example(null, null, null, null, null, null, null, null));
        assertThat(read("{\"unknown\":1,\"flag\":true}").flag()).isTrue();
    }

    @Test
    void nothing_may_follow_the_object() {
        assertThatThrownBy(() -> read("{\"flag\":true}xyz")).isInstanceOf(HttpMessageNotReadableException.class);
        assertThat(problem("{\"flag\":true}{\"flag\":false}")).isEqualTo("The request body must be a JSON object");
        assertThat(problem("{\"flag\":true} 1")).isEqualTo("The request body must be a JSON object");
    }

    @Test
    void a_field_given_twice_is_refused() {
        assertThat(problem("{\"flag\":true,\"flag\":false}")).isEqualTo("Field 'flag' is given more than once");
        assertThat(problem("{\"content\":null,\"text\":\"a\",\"text\":\"b\"}"))
                .isEqualTo("Field 'text' is given more than once");
    }

    private Example read(String json) throws Exception {
        MockHttpInputMessage input = new MockHttpInputMessage(json.getBytes(StandardCharsets.UTF_8));
        input.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return (Example) converter.read(Example.class, null, input);
    }

    private String problem(String json) {
        return assertThatThrownBy(() -> read(json))
                .isInstanceOf(InvalidRequestBodyException.class)
                .actual()
                .getMessage();
    }
}
