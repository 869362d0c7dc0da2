package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone's public port is the gateway on the server of its own deployment (Reactor Netty), not on the
 * servlet container the backends bring onto the class path: request targets that a servlet container refuses before
 * any application code sees them (an encoded slash, invalid UTF-8, {@code [ ]} in the query) still reach the gateway's
 * checks and answer the API's error body (docs/api.md §Errors), never a container's HTML page.
 */
class PublicPortEndToEndTest {
    @Test
    void odd_request_targets_answer_the_api_error_body(@TempDir Path data) throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api agent = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
            for (String target :
                    new String[] {"/v1/agent/sessions/a%2Fb", "/v1/admin/webhooks/%2F", "/v1/agent/sessions/a%5Cb"}) {
                assertError(agent.get(target), 400, "VALIDATION_ERROR", target);
            }
            for (String target : new String[] {"/v1/agent/sessions/%ED%A0%80", "/v1/agent/sessions/%C0%AF"}) {
                Answer answer = agent.get(target);
                assertThat(answer.status()).as(target).isIn(400, 404);
                assertError(answer, answer.status(), answer.status() == 400 ? "VALIDATION_ERROR" : "NOT_FOUND", target);
            }
            for (String target : new String[] {"/v1/agent/sessions?page=[]", "/v1/agent/sessions?page=%ED%A0%80"}) {
                assertError(agent.get(target), 400, "VALIDATION_ERROR", target);
            }
        }
    }

    private static void assertError(Answer answer, int status, String code, String target) {
        assertThat(answer.status()).as("%s: %s", target, answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(target).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(answer.error().get("code").asText()).as(target).isEqualTo(code);
    }
}
