/// An IPv4 or IPv6 network written as `address/prefix` (`10.0.0.0/8`, `::1/128`); an address without a prefix
/// is one host (`/32` or `/128`). Used by the OPS allowlist and the trusted proxies (http-api.md §6.2).
///
/// IPv4-mapped IPv6 networks (`::ffff:10.0.0.0/104`) are stored as IPv4 (`10.0.0.0/8`), and an IPv6 network that
/// covers mapped addresses contains the IPv4 addresses they map, so `::ffff:127.0.0.1` and `127.0.0.1` always
/// compare alike. A network with host bits set beyond its prefix (`10.0.0.1/8`) is refused, as a likely typo.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    /// The network address (host bits zero).
    public let address: Address
    /// 0…32 for IPv4, 0…128 for IPv6.
    public let prefixLength: Int

    /// The default `ops.allowlist`: the loopback addresses.
    public static let loopback: [CIDR] = [
        CIDR(address: Address(bytes: [127, 0, 0, 1])!, prefixLength: 32),
        CIDR(address: Address(bytes: [UInt8](repeating: 0, count: 15) + [1])!, prefixLength: 128),
    ]

    private init(address: Address, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Parses `address` or `address/prefix`; the prefix is decimal without sign or leading zeros.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let raw = Address.parseBytes(parts[0]) else {
            throw ParseError(text: text, problem: "'\(parts[0])' is not an IPv4 or IPv6 address")
        }
        let bits = raw.count * 8
        var prefix = bits
        if parts.count == 2 {
            let digits = Array(parts[1].utf8)
            guard (1...3).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                digits.count == 1 || digits[0] != 0x30, let value = Int(parts[1]), value <= bits
            else {
                let family = bits == 32 ? "IPv4" : "IPv6"
                throw ParseError(
                    text: text, problem: "the prefix length must be 0…\(bits) for \(family), got '\(parts[1])'")
            }
            prefix = value
        }
        let network = Self.masked(raw, prefix: prefix)
        guard network == raw else {
            let suggestion = "\(Address.text(of: network))/\(prefix)"
            throw ParseError(
                text: text, problem: "host bits are set beyond the /\(prefix) prefix; write '\(suggestion)'")
        }
        if Address.isMapped(network), prefix >= 96 {
            self.init(address: Address(bytes: Array(network[12...]))!, prefixLength: prefix - 96)
        } else {
            self.init(address: Address(bytes: network)!, prefixLength: prefix)
        }
    }

    /// True when `candidate` lies in this network. An IPv4 address is matched by an IPv6 network through its
    /// mapped form `::ffff:a.b.c.d`.
    public func contains(_ candidate: Address) -> Bool {
        var bytes = candidate.bytes
        if bytes.count != address.bytes.count {
            guard bytes.count == 4 else { return false }
            bytes = Address.mappedPrefix + bytes
        }
        return Self.masked(bytes, prefix: prefixLength) == address.bytes
    }

    /// True when any network of `list` contains `candidate`.
    public static func any(_ list: [CIDR], contains candidate: Address) -> Bool {
        list.contains { $0.contains(candidate) }
    }

    /// `10.0.0.0/8`, `::1/128`.
    public var description: String { "\(address)/\(prefixLength)" }

    private static func masked(_ bytes: [UInt8], prefix: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let keep = min(max(prefix - index * 8, 0), 8)
            return keep == 8 ? byte : byte & ~(UInt8(0xFF) >> keep)
        }
    }
}
