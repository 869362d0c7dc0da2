package dev.ledgerloop.platform.principal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an agent API key may do besides acting as its own agent (docs/api.md §Agent names: X-Hiloop), as the Hiloop SDK
 * names it: {@code agent}, {@code manage}, {@code space}, {@code owner}, given when the key is issued. Every key acts as
 * its own agent; a key with any permission beyond {@code agent} may also act as, and create, any other agent of its
 * space by naming it in {@code X-Hiloop}. A key issued before permissions existed has {@code agent} only.
 */
public final class KeyPermissions {
    public static final String AGENT = "agent";
    public static final String MANAGE = "manage";
    public static final String SPACE = "space";
    public static final String OWNER = "owner";

    /** Every permission, in the order the API lists them. */
    public static final List<String> ALL = List.of(AGENT, MANAGE, SPACE, OWNER);

    /** A key issued without permissions, and a key issued before they existed. */
    public static final List<String> DEFAULT = List.of(AGENT);

    private static final Set<String> BEYOND_AGENT = Set.of(MANAGE, SPACE, OWNER);

    private KeyPermissions() {}

    public static boolean isKnown(String permission) {
        return ALL.contains(permission);
    }

    /**
     * The permissions as stored and answered: {@code agent} always (every key acts as its own agent), the others given,
     * each once, in the order of {@link #ALL}; {@link #DEFAULT} for none (an event or view from before permissions).
     */
    public static List<String> normalised(Collection<String> permissions) {
        if (permissions == null) {
            return DEFAULT;
        }
        return ALL.stream()
                .filter(permission -> permission.equals(AGENT) || permissions.contains(permission))
                .toList();
    }

    /** Whether a key with these permissions may act as an agent other than its own ({@code X-Hiloop}). */
    public static boolean mayActAsOtherAgents(Collection<String> permissions) {
        return permissions != null && permissions.stream().anyMatch(BEYOND_AGENT::contains);
    }

    /** The first permission that is not one of {@link #ALL}, if any. */
    public static Optional<String> firstUnknown(Collection<String> permissions) {
        return permissions.stream().filter(permission -> !isKnown(permission)).findFirst();
    }
}
