package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Backends;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A human's token never reaches an agent route, however the path is spelled: the gateway refuses paths that are not
 * in their normal form, and each backend checks the principal's kind again on the path it dispatches on.
 */
class CredentialKindsEndToEndTest {
    private static final String[] SPELLINGS = {
        "/v1/agent/sessions", "/v1/%61gent/sessions", "/v1/agent;x=1/sessions", "/v1//agent/sessions"
    };

    @Test
    void no_spelling_of_an_agent_route_takes_a_humans_token(@TempDir Path data) throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            Api human = Api.gateway(system).withToken(system.mintHumanToken("alice"));
            for (String path : SPELLINGS) {
                Answer answer = human.get(path);
                assertThat(answer.status()).as(path).isIn(400, 401);
                assertThat(answer.body().at("/error/code").asText())
                        .as(path)
                        .isIn("VALIDATION_ERROR", "UNAUTHENTICATED");
            }

            Backends aroundTheGateway =
                    Backends.signedAs(system, Principal.human(system.secrets().spaceId(), "alice"));
            for (String path : new String[] {"/v1/agent/sessions", "/v1/%61gent/sessions", "/v1/agent;x=1/sessions"}) {
                Answer read = aroundTheGateway.querySide().get(path);
                assertThat(read.status()).as(path).isEqualTo(401);
                assertThat(read.body().at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
                Answer write = aroundTheGateway.commandSide().post(path, "{}");
                assertThat(write.status()).as(path).isEqualTo(401);
            }
        }
    }
}
