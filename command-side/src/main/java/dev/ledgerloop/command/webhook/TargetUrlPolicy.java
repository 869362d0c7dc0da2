package dev.ledgerloop.command.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks from reaching inside our network (SSRF, docs/webhooks.md): a target must be http(s) on port 80 or 443
 * (or a configured port) and its host must not resolve to a loopback, private, link-local, shared, reserved or
 * metadata address, unless configuration allows that host. The check is made when an endpoint is created and again
 * by the sender's resolver at every connection, which connects only to the addresses it checked: a host that
 * resolves to a public address for the check and to an internal one for the connection (DNS rebinding) gets nowhere.
 */
@Component
public class TargetUrlPolicy {
    private static final Set<Integer> WEB_PORTS = Set.of(80, 443);

    private final Set<String> allowedHosts;
    private final Set<Integer> allowedPorts;
    private final HostLookup lookup;

    /** Looks names up in the system's resolver. */
    @Autowired
    public TargetUrlPolicy(WebhookProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    public TargetUrlPolicy(WebhookProperties properties, HostLookup lookup) {
        this.allowedHosts = properties.allowedHosts().stream()
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.allowedPorts = Set.copyOf(properties.allowedPorts());
        this.lookup = lookup;
    }

    /** Resolves a host name to its addresses. */
    @FunctionalInterface
    public interface HostLookup {
        InetAddress[] addressesOf(String host) throws UnknownHostException;
    }

    /** A host that resolves to an address webhooks may not reach. */
    public static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String host) {
            super(host + " resolves to an internal address, which is not allowed");
        }
    }

    /** Why the URL may not be a target, or empty if it may. Resolves the host. */
    public Optional<String> refusal(String url) {
        Optional<String> refusal = refusalBeforeLookup(url);
        if (refusal.isPresent()) {
            return refusal;
        }
        try {
            permittedAddresses(URI.create(url).getHost());
            return Optional.empty();
        } catch (BlockedAddressException e) {
            return Optional.of("resolves to an internal address, which is not allowed");
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
    }

    /** Why the URL may not be a target, judged without resolving its host (scheme, host, credentials, port). */
    public Optional<String> refusalBeforeLookup(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("must name a host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        int port = uri.getPort();
        if (port != -1 && !WEB_PORTS.contains(port) && !allowedPorts.contains(port) && !allowed(host)) {
            return Optional.of("must use port 80 or 443 (or a port the deployment allows)");
        }
        return Optional.empty();
    }

    /**
     * The addresses of a host that webhooks may connect to: all of them, or none when any is internal (a host with
     * one internal address could be steered to it).
     *
     * @throws BlockedAddressException if an address is internal and neither the host nor that address is allowed
     * @throws UnknownHostException if the host does not resolve
     */
    public InetAddress[] permittedAddresses(String host) throws UnknownHostException {
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = lookup.addressesOf(bareHost);
        if (allowed(bareHost)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && !allowedHosts.contains(address.getHostAddress())) {
                throw new BlockedAddressException(bareHost);
            }
        }
        return addresses;
    }

    private boolean allowed(String host) {
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return allowedHosts.contains(bareHost.toLowerCase(Locale.ROOT));
    }

    /**
     * IPv4 ranges that are not the public internet, beyond what {@link InetAddress} classifies: this network,
     * shared address space (100.64/10), IETF protocol assignments (192.0.0/24), documentation (192.0.2/24,
     * 198.51.100/24, 203.0.113/24), benchmarking (198.18/15) and reserved (240/4, broadcast included).
     */
    private static final int[][] INTERNAL_V4 = {
        {0, 0, 0, 0, 8},
        {100, 64, 0, 0, 10},
        {192, 0, 0, 0, 24},
        {192, 0, 2, 0, 24},
        {198, 18, 0, 0, 15},
        {198, 51, 100, 0, 24},
        {203, 0, 113, 0, 24},
        {240, 0, 0, 0, 4}
    };

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return isInternalV6(bytes);
        }
        for (int[] range : INTERNAL_V4) {
            if (inRange(bytes, range)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Unique local (fc00::/7), discard-only (100::/64) and documentation (2001:db8::/32) addresses, Teredo
     * (2001::/32) and local-use NAT64 (64:ff9b:1::/48), whose IPv4 cannot be checked simply, and every form that
     * carries an IPv4 address, judged by that address: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4
     * (2002::/16). A NAT64 gateway
     * would otherwise take {@code [64:ff9b::a9fe:a9fe]} to the metadata address 169.254.169.254.
     */
    private static boolean isInternalV6(byte[] bytes) {
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if ((first & 0xfe) == 0xfc
                || startsWith(bytes, 0x01, 0x00, 0, 0, 0, 0, 0, 0)
                || startsWith(bytes, 0x20, 0x01, 0x0d, 0xb8)
                || startsWith(bytes, 0x20, 0x01, 0x00, 0x00)
                || startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            return true;
        }
        if (startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                || startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            return isInternal(v4(bytes, 12));
        }
        if (first == 0x20 && second == 0x02) {
            return isInternal(v4(bytes, 2));
        }
        return false;
    }

    private static boolean inRange(byte[] v4, int[] range) {
        long address = ((v4[0] & 0xffL) << 24) | ((v4[1] & 0xff) << 16) | ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        long network = ((long) range[0] << 24) | (range[1] << 16) | (range[2] << 8) | range[3];
        long mask = (0xffffffffL << (32 - range[4])) & 0xffffffffL;
        return (address & mask) == (network & mask);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte[] bytes, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
