package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.TIMEOUT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.ServerVersion;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Connecting: plain text, and the server version the client discovers. */
interface ConnectionTests extends ServerUnderTest {
    @Test
    default void the_client_connects_in_plain_text_and_discovers_the_server_version() throws Exception {
        Optional<ServerVersion> version = client().getServerVersion().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(version).isPresent();
        assertThat(version.get().getMajor()).isGreaterThanOrEqualTo(20);
    }
}
