package dev.ledgerloop.events.space;

import java.util.Objects;
import java.util.UUID;

/** The space owner changed the space's defaults: whether new sessions require signed answers unless they say. */
public record SpaceSettingsChanged(UUID spaceId, boolean requireSignedAnswers) implements SpaceEvent {

    public SpaceSettingsChanged {
        Objects.requireNonNull(spaceId, "spaceId");
    }
}
