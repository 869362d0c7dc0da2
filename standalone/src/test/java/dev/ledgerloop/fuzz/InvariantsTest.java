package dev.ledgerloop.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ledgerloop.fuzz.ApiDescription.BodyKind;
import dev.ledgerloop.fuzz.ApiDescription.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fuzzer's invariants on single answers, without a running system. */
class InvariantsTest {
    private static final String KEY = "hlp_" + "0123456789abcdef".repeat(4);

    private final Invariants invariants = new Invariants(Set.of(), Set.of());

    @Test
    void an_error_body_that_holds_a_secret_is_a_violation_that_does_not_show_it() {
        Http.Answer answer = answer(
                400, "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Field 'key' " + KEY + " is wrong\"}}");

        List<String> violations = invariants.check(request(), answer, List.of());

        assertThat(violations)
                .singleElement()
                .asString()
                .startsWith("secret in an error body: API key")
                .doesNotContain(KEY);
    }

    @Test
    void a_server_error_that_holds_a_secret_is_a_violation_too() {
        Http.Answer answer = answer(500, "{\"error\":{\"code\":\"INTERNAL\",\"message\":\"failed for " + KEY + "\"}}");

        assertThat(invariants.check(request(), answer, List.of()))
                .anyMatch(violation -> violation.startsWith("secret in an error body: API key"));
    }

    @Test
    void an_error_body_without_a_secret_passes() {
        Http.Answer answer =
                answer(400, "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Field 'name' is missing\"}}");

        assertThat(invariants.check(request(), answer, List.of())).isEmpty();
    }

    private static FuzzCase request() {
        Operation operation = new Operation(
                "POST",
                "/v1/agent/sessions",
                List.of(),
                List.of(),
                BodyKind.JSON,
                JsonNodeFactory.instance.objectNode(),
                Set.of(201, 400));
        return new FuzzCase(
                1,
                0,
                operation,
                Family.BODY_SYNTAX,
                "a test case",
                Credential.OWNER_KEY,
                "POST",
                "/v1/agent/sessions",
                List.of(),
                "{}".getBytes(StandardCharsets.UTF_8),
                false);
    }

    private static Http.Answer answer(int status, String body) {
        return new Http.Answer(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}
