package dev.ledgerloop.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.principal.Principal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PublicGuestPathsTest {

    @Test
    void an_agent_profile_is_read_by_the_one_shared_guest_of_no_space() {
        Principal reader = PublicGuestPaths.guestFor("/v1/public/agents/release-bot");
        assertThat(reader).isEqualTo(PublicGuestPaths.AGENT_PROFILE_READER);
        assertThat(reader.isHuman()).isTrue();
        assertThat(reader.spaceId()).isEqualTo(new UUID(0, 0));
        assertThat(PublicGuestPaths.guestFor("/v1/public/agents/other")).isEqualTo(reader);
    }

    @Test
    void a_session_link_is_a_new_guest_of_the_space_in_its_path() {
        UUID space = UUID.randomUUID();
        Principal guest = PublicGuestPaths.guestFor("/v1/public/spaces/" + space + "/sessions/" + UUID.randomUUID());
        assertThat(guest.spaceId()).isEqualTo(space);
        assertThat(Principal.isGuestId(guest.subjectId())).isTrue();
        assertThat(guest).isNotEqualTo(PublicGuestPaths.AGENT_PROFILE_READER);
    }

    @Test
    void anything_else_under_public_is_not_found() {
        for (String path : new String[] {"/v1/public/agents", "/v1/public/agents/a/b", "/v1/public/other"}) {
            assertThatThrownBy(() -> PublicGuestPaths.guestFor(path)).isInstanceOf(GatewayException.class);
        }
    }
}
