package dev.ledgerloop.command.session;

import dev.ledgerloop.events.session.ParticipantRole;

/** A participant as the participant commands answer it; names come from the identity provider, unknown here. */
record ParticipantResource(String userId, ParticipantRole role, String name) {}
