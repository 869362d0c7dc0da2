package dev.ledgerloop.service.events;

import dev.ledgerloop.events.Actor;
import dev.ledgerloop.events.ActorKind;
import dev.ledgerloop.platform.principal.Principal;
import java.util.Map;
import java.util.UUID;
import org.axonframework.messaging.MetaData;

/**
 * The Axon metadata keys that carry who acts in which space from a command to the events it causes (copied by a
 * correlation data provider) and from a stored event to its handlers.
 */
public final class EventContext {
    public static final String SPACE_ID = "spaceId";
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_KIND = "actorKind";
    /** The hash of the stored event, given to handlers of events read from the log. */
    public static final String HASH = "hash";

    private EventContext() {}

    /** The metadata to send a command with on behalf of the principal. */
    public static MetaData of(Principal principal) {
        return MetaData.from(Map.of(
                SPACE_ID, principal.spaceId().toString(),
                ACTOR_ID, principal.subjectId(),
                ACTOR_KIND, principal.kind().name()));
    }

    /**
     * The metadata for a command the system sends on its own (a deadline passing, a webhook delivery attempt): the
     * actor is the component, of kind {@code system}.
     */
    public static MetaData system(UUID spaceId, String component) {
        return MetaData.from(Map.of(
                SPACE_ID, spaceId.toString(),
                ACTOR_ID, component,
                ACTOR_KIND, ActorKind.system.name()));
    }

    public static UUID spaceId(MetaData metaData) {
        return UUID.fromString(required(metaData, SPACE_ID));
    }

    static String spaceIdText(MetaData metaData) {
        return required(metaData, SPACE_ID);
    }

    static Actor actor(MetaData metaData) {
        return new Actor(required(metaData, ACTOR_ID), ActorKind.valueOf(required(metaData, ACTOR_KIND)));
    }

    private static String required(MetaData metaData, String key) {
        Object value = metaData.get(key);
        if (value == null) {
            throw new IllegalArgumentException("An event needs '" + key + "' in its metadata; send its command with"
                    + " EventContext.of(principal)");
        }
        return value.toString();
    }

    /** What of a command's metadata its events carry: the space and the actor. */
    public static MetaData carriedToEvents(MetaData commandMetaData) {
        return commandMetaData.subset(SPACE_ID, ACTOR_ID, ACTOR_KIND);
    }
}
