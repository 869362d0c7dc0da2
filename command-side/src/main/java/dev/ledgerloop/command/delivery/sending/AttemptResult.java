package dev.ledgerloop.command.delivery.sending;

/** What an attempt says about its endpoint's load: what the endpoint's lanes adapt to ({@link DeliveryLanes}). */
enum AttemptResult {
    /** A 2xx answer. */
    DELIVERED,
    /** 429, a 5xx, or no answer in time (timeouts, refused or broken connections): fewer attempts at once. */
    OVERLOADED,
    /** Anything else (another status, a blocked address, no such host, no attempt made): says nothing of the load. */
    OTHER;

    static AttemptResult ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        return status == 429 || status >= 500 ? OVERLOADED : OTHER;
    }

    /** From the error class of an attempt without an answer (docs/webhooks.md). */
    static AttemptResult ofError(String errorClass) {
        return switch (errorClass) {
            case "timeout", "connect_timeout", "connect", "io" -> OVERLOADED;
            default -> OTHER;
        };
    }
}
