package dev.ledgerloop.fuzz;

/** Every kind of credential a request may carry, including none and nonsense. */
enum Credential {
    /** The bootstrap API key: an agent that also owns the space. */
    OWNER_KEY,
    /** A provisioned agent's API key (not the owner). */
    AGENT_KEY,
    PROVISIONING_KEY,
    /** A human's Bearer JWT in space A. */
    HUMAN,
    /** A human's Bearer JWT in space B. */
    HUMAN_OTHER_SPACE,
    /** A guest token, which is no credential, sent as an API key and as a Bearer token. */
    GUEST_TOKEN,
    /** Keys and tokens of the right shape that mean nothing, and of no shape at all. */
    GARBAGE,
    NONE
}
