package dev.ledgerloop.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of aggregate that own a stream; the value is both the stream prefix and the metadata value. */
public enum AggregateType {
    SESSION("session"),
    INVOCATION("invocation"),
    AGENT("agent"),
    WEBHOOK("webhook"),
    DELIVERY("delivery"),
    API_KEY("apikey"),
    LOG("log"),
    /** The record of a session's crypto-shredding, id = the session id (docs/architecture.md §Crypto-shredding). */
    SHREDDING("shredding"),
    /** A human's registered keys, one per (space, user id): id = {@code HumanIds.of(spaceId, userId)}. */
    HUMAN("human"),
    /** What the space owner sets for the whole space (its encryption key, its defaults), id = the space id. */
    SPACE("space"),
    /** An agent-to-agent conversation, id = the channel id. */
    CHANNEL("channel"),
    /** An agent's own log of activity, communication and telemetry entries, id = the agent id. */
    AGENT_LOG("agentlog");

    private final String value;

    AggregateType(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
