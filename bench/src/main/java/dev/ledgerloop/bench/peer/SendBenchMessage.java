package dev.ledgerloop.bench.peer;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sends one message into a session: one {@code MessageSent} event of about 300 bytes of JSON. */
record SendBenchMessage(@TargetAggregateIdentifier UUID sessionId, EncryptedEnvelope content) {}
