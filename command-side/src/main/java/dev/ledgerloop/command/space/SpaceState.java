package dev.ledgerloop.command.space;

/** What the owner set for the space: its encryption key (null before one is set) and its defaults. */
record SpaceState(String keyId, String publicKey, boolean requireSignedAnswers) {}
