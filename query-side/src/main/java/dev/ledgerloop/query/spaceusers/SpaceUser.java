package dev.ledgerloop.query.spaceusers;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.Views;
import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * A human of the space as {@code GET /v1/agent/space/users} lists them.
 *
 * @param kind {@code human} (a token's subject) or {@code guest} (joined through a public link without an account)
 * @param name the display name a guest chose, else null
 * @param roles every role they were given in the space's sessions, in the order given
 * @param lastActivityAt when they last sent, answered, joined, registered keys or set their availability; null if never
 */
record SpaceUser(
        String userId,
        String kind,
        String name,
        List<String> roles,
        boolean keysRegistered,
        Instant firstSeenAt,
        Instant lastActivityAt) {

    static SpaceUser of(Document document) {
        String userId = document.getString("userId");
        return new SpaceUser(
                userId,
                Principal.isGuestId(userId) ? "guest" : "human",
                document.getString("name"),
                document.getList("roles", String.class, List.of()),
                document.get("keysRegisteredAt") != null,
                Views.instant(document.get("firstSeenAt")),
                Views.instant(document.get("lastActivityAt")));
    }
}
