package dev.ledgerloop.sdk;

/** A message's priority, spelled as the API spells it. */
public enum Priority {
    /** {@code Low}. */
    LOW("Low"),
    /** {@code Medium}, the default. */
    MEDIUM("Medium"),
    /** {@code High}. */
    HIGH("High"),
    /** {@code Urgent}: first in the humans' feeds. */
    URGENT("Urgent");

    private final String apiName;

    Priority(String apiName) {
        this.apiName = apiName;
    }

    /** The API's spelling. */
    public String apiName() {
        return apiName;
    }
}
