package io.github.correlation.edge;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A set of networks in CIDR notation, IPv4 and IPv6, that client addresses are matched
 * against. Only address literals are accepted: nothing is ever looked up in DNS.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class TrustedNetworks {

	private final List<Network> networks;

	private TrustedNetworks(List<Network> networks) {
		this.networks = networks;
	}

	/**
	 * Parse networks such as {@code 10.0.0.0/8}, {@code 192.168.1.7} or {@code fd00::/8}.
	 * @param cidrs the networks; an address without a prefix length is one host
	 * @param property the property the networks come from, named in the error
	 * @return the networks
	 * @throws IllegalArgumentException if a value is not a network in CIDR notation
	 */
	public static TrustedNetworks parse(Collection<String> cidrs, String property) {
		List<Network> networks = new ArrayList<>();
		for (String cidr : cidrs) {
			networks.add(Network.parse(cidr.trim(), property));
		}
		return new TrustedNetworks(List.copyOf(networks));
	}

	/**
	 * Whether an address is in one of the networks.
	 * @param address an IPv4 or IPv6 address literal, or {@code null}
	 * @return {@code true} if the address is a literal inside one of the networks
	 */
	public boolean contains(@Nullable String address) {
		if (address == null || this.networks.isEmpty()) {
			return false;
		}
		byte[] bytes = literal(address);
		if (bytes == null) {
			return false;
		}
		for (Network network : this.networks) {
			if (network.contains(bytes)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether there are no networks.
	 * @return {@code true} if nothing is trusted
	 */
	public boolean isEmpty() {
		return this.networks.isEmpty();
	}

	// The bytes of an address literal, or null: InetAddress.getByName would resolve a
	// host name, so only the characters of a literal are let through.
	private static byte @Nullable [] literal(String address) {
		String candidate = (address.startsWith("[") && address.endsWith("]"))
				? address.substring(1, address.length() - 1) : address;
		if (candidate.isEmpty() || !candidate.chars().allMatch(TrustedNetworks::isLiteralChar)
				|| (candidate.indexOf(':') < 0 && !isDottedQuad(candidate))) {
			return null;
		}
		try {
			return InetAddress.getByName(candidate).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static boolean isLiteralChar(int ch) {
		return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') || ch == '.'
				|| ch == ':';
	}

	private static boolean isDottedQuad(String candidate) {
		String[] parts = candidate.split("\\.", -1);
		if (parts.length != 4) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
					|| Integer.parseInt(part) > 255) {
				return false;
			}
		}
		return true;
	}

	/**
	 * One network.
	 *
	 * @param prefix the network's address bits
	 * @param length the number of address bytes: 4 or 16
	 * @param prefixLength the number of leading bits that must match
	 */
	private record Network(BigInteger prefix, int length, int prefixLength) {

		static Network parse(String cidr, String property) {
			int slash = cidr.indexOf('/');
			String address = (slash >= 0) ? cidr.substring(0, slash) : cidr;
			byte[] bytes = literal(address);
			if (bytes == null) {
				throw invalid(cidr, property);
			}
			int prefixLength = bytes.length * 8;
			if (slash >= 0) {
				String bits = cidr.substring(slash + 1);
				if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)
						|| Integer.parseInt(bits) > bytes.length * 8) {
					throw invalid(cidr, property);
				}
				prefixLength = Integer.parseInt(bits);
			}
			return new Network(masked(bytes, prefixLength), bytes.length, prefixLength);
		}

		boolean contains(byte[] address) {
			return address.length == this.length && masked(address, this.prefixLength).equals(this.prefix);
		}

		private static BigInteger masked(byte[] address, int prefixLength) {
			int bits = address.length * 8;
			BigInteger value = new BigInteger(1, address);
			return value.shiftRight(bits - prefixLength);
		}

		private static IllegalArgumentException invalid(String cidr, String property) {
			return new IllegalArgumentException(property + " must list networks in CIDR notation (such as 10.0.0.0/8 "
					+ "or fd00::/8), not '" + cidr + "'");
		}

	}

}
