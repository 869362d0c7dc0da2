package dev.ledgerloop.query.history;

import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.SpaceOwners;
import dev.ledgerloop.service.events.EventContext;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Who may read a session's history, decided on the session's first event (so a session the views have not caught up
 * with yet is no exception): the space owner for any session of the space, the agent for its own sessions. For anyone
 * else the session does not exist (404), as for every other session read.
 */
enum HistoryAccess {
    SPACE_OWNER {
        @Override
        void require(Principal principal) {
            SpaceOwners.requireOwner(principal);
        }

        @Override
        boolean mayRead(Principal principal, DomainEventMessage<?> opening) {
            return principal.spaceId().toString().equals(spaceOf(opening));
        }
    },
    OWNING_AGENT {
        @Override
        void require(Principal principal) {
            if (!principal.isAgent()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
            }
        }

        @Override
        boolean mayRead(Principal principal, DomainEventMessage<?> opening) {
            return principal.spaceId().toString().equals(spaceOf(opening))
                    && opening.getPayload() instanceof SessionOpened opened
                    && opened.agentId().toString().equals(principal.subjectId());
        }
    };

    /** @throws ApiException 403 before anything is read, when the principal may not use the route at all */
    abstract void require(Principal principal);

    abstract boolean mayRead(Principal principal, DomainEventMessage<?> opening);

    /** @throws ApiException 404 unless the principal may read the session that {@code opening} opened */
    void requireReadable(Principal principal, UUID sessionId, DomainEventMessage<?> opening) {
        if (!mayRead(principal, opening)) {
            throw ApiException.notFound("Session " + sessionId + " not found");
        }
    }

    private static String spaceOf(DomainEventMessage<?> opening) {
        Object space = opening.getMetaData().get(EventContext.SPACE_ID);
        return space == null ? null : space.toString();
    }
}
