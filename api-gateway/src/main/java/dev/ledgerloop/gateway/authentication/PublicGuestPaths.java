package dev.ledgerloop.gateway.authentication;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public guest routes ({@code /v1/public/spaces/{spaceId}/sessions/{sessionId}} and its {@code /join}) take no
 * credential: whoever holds a session's guest token may look at it and join it. Each such request acts as a new guest
 * of the space named in its path, so the backends treat it as any other human and the guest token decides the rest.
 */
final class PublicGuestPaths {
    static final String PREFIX = "/v1/public";
    private static final Pattern ROUTE =
            Pattern.compile("/v1/public/spaces/([0-9a-fA-F-]{36})/sessions/([0-9a-fA-F-]{36})(/join)?");

    /**
     * {@code /v1/public/agents/{slug}}: an agent's public profile belongs to no space the caller could name, so every
     * such request is the one guest {@link #AGENT_PROFILE_READER} of no space; they all share its rate-limit bucket.
     */
    private static final Pattern AGENT_PROFILE = Pattern.compile("/v1/public/agents/[^/]+");

    static final Principal AGENT_PROFILE_READER =
            Principal.human(new UUID(0, 0), Principal.GUEST_PREFIX + "public-agent-profiles");

    private PublicGuestPaths() {}

    static boolean isPublic(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    static Principal guestFor(String path) {
        if (AGENT_PROFILE.matcher(path).matches()) {
            return AGENT_PROFILE_READER;
        }
        Matcher matcher = ROUTE.matcher(path);
        if (!matcher.matches()) {
            throw notFound(path);
        }
        try {
            UUID.fromString(matcher.group(2));
            return Principal.newGuest(UUID.fromString(matcher.group(1)));
        } catch (IllegalArgumentException e) {
            throw notFound(path);
        }
    }

    private static GatewayException notFound(String path) {
        return new GatewayException(ErrorCode.NOT_FOUND, "No such endpoint: " + path);
    }
}
