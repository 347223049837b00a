package io.parley.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The key that limits per address count by. An IPv4 address is one host's; an IPv6 host is usually given a
 * whole /64 and may take any address in it, so an IPv6 address counts as its /64 ({@code 2001:db8:1:2::/64}):
 * otherwise one host would have 2^64 addresses to spread its connections and registrations over.
 */
public final class AddressBlock {

	private AddressBlock() {
	}

	/** {@code address} (an IP literal, as the socket gives it) as a key: itself for IPv4, its /64 for IPv6. */
	public static String of(String address) {
		if (address == null || address.indexOf(':') < 0) {
			return address;
		}
		byte[] bytes;
		try {
			// a literal is parsed, never looked up
			bytes = InetAddress.getByName(stripZone(address)).getAddress();
		}
		catch (UnknownHostException | SecurityException ex) {
			return address;
		}
		if (bytes.length == 4) {
			// an IPv4-mapped IPv6 address is its IPv4 host
			return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
		}
		StringBuilder block = new StringBuilder(24);
		for (int i = 0; i < 8; i += 2) {
			block.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
		}
		return block.append(":/64").toString();
	}

	private static String stripZone(String address) {
		String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
				: address;
		int zone = bare.indexOf('%');
		return (zone < 0) ? bare : bare.substring(0, zone);
	}

}
