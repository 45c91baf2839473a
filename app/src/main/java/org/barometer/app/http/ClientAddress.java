package org.barometer.app.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a request comes from, for rate limits, sign-in throttling and the audit log: the connection's address, or —
 * when that address is a trusted proxy ({@code BAROMETER_TRUSTED_PROXIES}: addresses or CIDR ranges, separated by
 * commas) — the last address in {@code X-Forwarded-For} that is not a trusted proxy itself. A header from anyone
 * else is ignored, since a client can write what it likes there.
 */
public final class ClientAddress {
    /** The setting naming the trusted proxies. */
    public static final String SETTING = "BAROMETER_TRUSTED_PROXIES";

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> trusted;

    private ClientAddress(List<Range> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /**
     * The rule for a value of {@link #SETTING} (null or blank: no proxy is trusted).
     *
     * @throws IllegalArgumentException naming the setting and the entry that is neither an address nor a range
     */
    public static ClientAddress trusting(String setting) {
        List<Range> ranges = new ArrayList<>();
        if (setting != null) {
            for (String entry : setting.split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                String[] parts = e.split("/", -1);
                byte[] network = literal(parts[0]);
                int bits = network == null ? -1 : network.length * 8;
                if (network != null && parts.length == 2) {
                    bits = parts[1].matches("\\d{1,3}") ? Integer.parseInt(parts[1]) : -1;
                }
                if (network == null || parts.length > 2 || bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException(SETTING + ": '" + e
                            + "' is neither an IP address nor a CIDR range such as 10.0.0.0/8");
                }
                ranges.add(new Range(network, bits));
            }
        }
        return new ClientAddress(ranges);
    }

    /** The client of a request that came over a connection from {@code remote} with this forwarding header. */
    public String of(String remote, String forwardedFor) {
        if (trusted.isEmpty() || forwardedFor == null || !isTrusted(remote)) {
            return remote;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (literal(hop) == null) {
                return remote; // a malformed header: trust none of it
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return remote;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(r -> r.contains(bytes));
    }

    /** The bytes of an IP address literal, or null for anything else (never a name lookup). */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        // only literals: an IPv6 address has a colon, an IPv4 one four numbers (anything else would be looked up)
        if (!text.contains(":") && !text.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
