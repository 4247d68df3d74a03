/// A listen address `host:port` (http-api.md §1.1, §11): an IPv4 literal (`127.0.0.1:8000`) or a bracketed IPv6
/// literal (`[::1]:8000`), and a port 0…65535 (`0` takes a free port).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public let host: CIDR.Address
    public let port: UInt16

    public init(host: CIDR.Address, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Nil unless `text` is `a.b.c.d:port` or `[v6]:port` with a decimal port (no sign, no leading zeros).
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var hostText = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        if hostText.hasPrefix("[") {
            guard hostText.hasSuffix("]"), hostText.count > 2 else { return nil }
            hostText = String(hostText.dropFirst().dropLast())
            guard hostText.contains(":") else { return nil }
        } else if hostText.contains(":") {
            return nil
        }
        let digits = Array(portText.utf8)
        guard let host = CIDR.Address(parsing: hostText), (1...5).contains(digits.count),
            digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), digits.count == 1 || digits[0] != 0x30,
            let port = UInt16(portText)
        else { return nil }
        self.init(host: host, port: port)
    }

    /// `127.0.0.1:8000`, `[::1]:8000`.
    public var description: String { host.isIPv4 ? "\(host):\(port)" : "[\(host)]:\(port)" }
}
