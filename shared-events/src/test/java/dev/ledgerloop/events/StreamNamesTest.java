package dev.ledgerloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamNamesTest {
    private static final UUID ID = UUID.fromString("0b6e7a34-9f1d-4c55-8a2e-7d3c1b9f0e42");

    @Test
    void names_one_stream_per_aggregate() {
        assertThat(StreamNames.session(ID)).isEqualTo("session-0b6e7a34-9f1d-4c55-8a2e-7d3c1b9f0e42");
        assertThat(StreamNames.invocation(ID)).isEqualTo("invocation-" + ID);
        assertThat(StreamNames.agent(ID)).isEqualTo("agent-" + ID);
        assertThat(StreamNames.webhook(ID)).isEqualTo("webhook-" + ID);
        assertThat(StreamNames.delivery(ID)).isEqualTo("delivery-" + ID);
    }

    @ParameterizedTest
    @EnumSource(AggregateType.class)
    void parses_back_what_it_names(AggregateType type) {
        assertThat(StreamNames.parse(StreamNames.of(type, ID))).isEqualTo(new StreamName(type, ID));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "$all",
                "$$session-0b6e7a34-9f1d-4c55-8a2e-7d3c1b9f0e42",
                "session",
                "session-",
                "session-1-1-1-1-1",
                "session-0B6E7A34-9F1D-4C55-8A2E-7D3C1B9F0E42",
                "session-0b6e7a349f1d4c558a2e7d3c1b9f0e42",
                "vault-0b6e7a34-9f1d-4c55-8a2e-7d3c1b9f0e42",
                "session-0b6e7a34-9f1d-4c55-8a2e-7d3c1b9f0e42-x"
            })
    void does_not_parse_names_it_did_not_write(String name) {
        assertThat(StreamNames.tryParse(name)).isEmpty();
        assertThatThrownBy(() -> StreamNames.parse(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not an aggregate stream name: " + name);
    }

    @Test
    void system_streams_start_with_a_dollar() {
        assertThat(StreamNames.isSystem("$all")).isTrue();
        assertThat(StreamNames.isSystem("$$session-" + ID)).isTrue();
        assertThat(StreamNames.isSystem("$et-MessageSent")).isTrue();
        assertThat(StreamNames.isSystem(StreamNames.session(ID))).isFalse();
    }
}
