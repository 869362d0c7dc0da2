package dev.ledgerloop.standalone.authorization;

/**
 * The kinds of caller the authorization matrix sends every route with, in the order of its columns. Space A is the
 * embedded default's bootstrap space, where every resource the routes name lives; space B is a second space.
 */
enum Credential {
    /** The bootstrap key of space A as its default agent: the agent that owns every resource, and the space owner. */
    AGENT_A,
    /** A key provisioned in space A for another agent, with the default permissions ({@code agent}). */
    OTHER_AGENT_A,
    /** Space A's provisioning key. */
    PROVISIONING,
    /** A human of space A, a {@code member} of the session. */
    MEMBER,
    /** A human of space A, a {@code viewer} of the session. */
    VIEWER,
    /** A human of space A who joined the session with a guest token. */
    GUEST,
    /** A human of space A who takes no part in the session. */
    OUTSIDER,
    /** A human of space B, with the same user id as the member. */
    HUMAN_B,
    /** A key provisioned in space B, for an agent with the same name as space A's owner agent. */
    AGENT_B,
    /** No credentials at all. */
    NONE
}
