package dev.ledgerloop.sdk;

/**
 * What {@link LedgerloopClient#createSession(NewSession)} opens. The title is sealed for the agent and the space key
 * (participants added later cannot read it: they are not recipients yet).
 *
 * @param title the title in clear (sealed before it is sent), or null
 * @param isPublic whether guests may join by token
 * @param maxGuests the guest limit (0–10000), or null
 * @param requireSignedAnswers whether unsigned answers are refused (docs/api.md §Signed decisions), or null for the space's default
 */
public record NewSession(String title, boolean isPublic, Integer maxGuests, Boolean requireSignedAnswers) {
    /** A private session with this title. */
    public static NewSession titled(String title) {
        return new NewSession(title, false, null, null);
    }

    /** The same, public (guests may join) with at most {@code maxGuests} guests. */
    public NewSession publicWithGuests(int maxGuests) {
        return new NewSession(title, true, maxGuests, requireSignedAnswers);
    }

    /** The same, refusing unsigned answers. */
    public NewSession requiringSignedAnswers() {
        return new NewSession(title, isPublic, maxGuests, true);
    }
}
