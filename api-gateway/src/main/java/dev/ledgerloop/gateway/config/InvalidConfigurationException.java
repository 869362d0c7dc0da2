package dev.ledgerloop.gateway.config;

/**
 * A gateway property is missing or wrong, so the gateway refuses to start. The message names the property and never
 * holds its value when that value is a secret.
 */
public final class InvalidConfigurationException extends RuntimeException {
    private final String property;
    private final String action;

    public InvalidConfigurationException(String property, String problem, String action) {
        super(property + ": " + problem);
        this.property = property;
        this.action = action;
    }

    public String property() {
        return property;
    }

    /** What to do about it, for the start-up failure report. */
    public String action() {
        return action;
    }
}
