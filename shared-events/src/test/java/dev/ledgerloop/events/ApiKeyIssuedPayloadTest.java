package dev.ledgerloop.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.events.apikey.ApiKeyIssued;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code permissions} came after keys were first issued: events stored without it still read. */
class ApiKeyIssuedPayloadTest {
    private static final UUID KEY = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();

    @Test
    void a_payload_stored_before_permissions_reads_with_none() throws Exception {
        String stored = "{\"keyId\":\"" + KEY + "\",\"keyHash\":\"" + "ab".repeat(32) + "\",\"agentId\":\"" + AGENT
                + "\",\"agentName\":\"billing-bot\"}";

        ApiKeyIssued read = Json.MAPPER.readValue(stored, ApiKeyIssued.class);

        assertThat(read).isEqualTo(new ApiKeyIssued(KEY, "ab".repeat(32), AGENT, "billing-bot", null));
    }

    @Test
    void permissions_survive_a_round_trip_and_none_are_left_out() throws Exception {
        ApiKeyIssued with = new ApiKeyIssued(KEY, "cd".repeat(32), AGENT, "ops-bot", List.of("agent", "manage"));
        ApiKeyIssued without = new ApiKeyIssued(KEY, "cd".repeat(32), AGENT, "ops-bot", null);

        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(with), ApiKeyIssued.class))
                .isEqualTo(with);
        assertThat(Json.MAPPER.writeValueAsString(without)).doesNotContain("permissions");
    }
}
