package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --rebuild}: views rebuilt on a stopped system's data directory, which then serves them as before. */
class OfflineRebuildTest {
    @TempDir
    Path data;

    @Test
    void a_stopped_system_s_views_are_rebuilt_from_the_command_line_with_plain_progress_lines() throws Exception {
        String key;
        String session;
        String timeline;
        String before;
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            key = system.secrets().bootstrapKeyOnce();
            Api agent = Api.gateway(system).withKey(key);
            session = agent.openSession();
            agent.sendMessage(session, Envelopes.envelope());
            timeline = "/v1/agent/sessions/" + session + "/timeline";
            forTheViews().until(() -> agent.get(timeline).text().contains("\"kind\":\"message\""));
            before = agent.get(timeline).data().toString();
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        boolean rebuilt = OfflineRebuild.run(data, "all", new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(rebuilt).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Rebuilt all (")
                .contains(" events in ");
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(OfflineRebuild.run(data, "nonsense", new PrintStream(refused, true, StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("No view named 'nonsense'");
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            assertThat(Api.gateway(system).withKey(key).get(timeline).data().toString())
                    .isEqualTo(before);
        }
    }
}
