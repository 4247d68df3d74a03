extension CIDR {
    /// An IPv4 or IPv6 address. An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is stored as the IPv4 address it
    /// maps, so the two spellings are equal (http-api.md §6.2).
    public struct Address: Sendable, Hashable, CustomStringConvertible {
        /// 4 bytes (IPv4) or 16 bytes (IPv6), network order.
        public let bytes: [UInt8]

        /// From 4 or 16 bytes in network order; nil for any other count.
        public init?(bytes: [UInt8]) {
            switch bytes.count {
            case 4: self.bytes = bytes
            case 16: self.bytes = Self.isMapped(bytes) ? Array(bytes[12...]) : bytes
            default: return nil
            }
        }

        /// Parses dotted-quad IPv4 (`10.0.0.1`, no leading zeros) or RFC 4291 IPv6 text (`::1`, `fe80::1:2`,
        /// `::ffff:10.0.0.1`), without brackets, port or zone; nil when `text` is neither.
        public init?(parsing text: String) {
            guard let bytes = Self.parseBytes(text) else { return nil }
            self.init(bytes: bytes)
        }

        public var isIPv4: Bool { bytes.count == 4 }

        /// `10.0.0.1`, or IPv6 in the RFC 5952 form (`::1`, `2001:db8::1`).
        public var description: String { Self.text(of: bytes) }

        static let mappedPrefix: [UInt8] = [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF]

        static func isMapped(_ bytes: [UInt8]) -> Bool {
            bytes.count == 16 && Array(bytes[..<12]) == mappedPrefix
        }

        /// The address bytes as written (an IPv4-mapped IPv6 address keeps its 16 bytes).
        static func parseBytes(_ text: String) -> [UInt8]? {
            text.contains(":") ? parseIPv6(Array(text.utf8)) : parseIPv4(Array(text.utf8)[...])
        }

        /// Dotted quad, or RFC 5952 IPv6 (a mapped address as `::ffff:a.b.c.d`).
        static func text(of bytes: [UInt8]) -> String {
            if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
            if isMapped(bytes) { return "::ffff:" + text(of: Array(bytes[12...])) }
            let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
            var best: Range<Int>?
            var index = 0
            while index < 8 {
                guard groups[index] == 0 else {
                    index += 1
                    continue
                }
                var end = index
                while end < 8, groups[end] == 0 { end += 1 }
                if end - index >= 2, end - index > (best?.count ?? 0) { best = index..<end }
                index = end
            }
            let hex = groups.map { String($0, radix: 16) }
            guard let best else { return hex.joined(separator: ":") }
            return hex[..<best.lowerBound].joined(separator: ":") + "::"
                + hex[best.upperBound...].joined(separator: ":")
        }

        private static func parseIPv4(_ text: ArraySlice<UInt8>) -> [UInt8]? {
            let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            var bytes: [UInt8] = []
            for part in parts {
                guard (1...3).contains(part.count), part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                    part.count == 1 || part.first != 0x30
                else { return nil }
                let value = part.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                guard value <= 255 else { return nil }
                bytes.append(UInt8(value))
            }
            return bytes
        }

        private static func parseIPv6(_ text: [UInt8]) -> [UInt8]? {
            let colon = UInt8(ascii: ":")
            var head = text[...]
            var tail: ArraySlice<UInt8>?
            if let gap = firstDoubleColon(text) {
                head = text[..<gap]
                tail = text[(gap + 2)...]
                if firstDoubleColon(Array(tail!)) != nil { return nil }
            }
            guard let headBytes = groups(head, colon: colon, allowIPv4Tail: tail == nil) else { return nil }
            guard let tail else { return headBytes.count == 16 ? headBytes : nil }
            guard let tailBytes = groups(tail, colon: colon, allowIPv4Tail: true),
                headBytes.count + tailBytes.count <= 14
            else { return nil }
            return headBytes + [UInt8](repeating: 0, count: 16 - headBytes.count - tailBytes.count) + tailBytes
        }

        private static func isHexDigit(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
        }

        private static func firstDoubleColon(_ text: [UInt8]) -> Int? {
            guard text.count >= 2 else { return nil }
            return (0..<(text.count - 1)).first { text[$0] == UInt8(ascii: ":") && text[$0 + 1] == UInt8(ascii: ":") }
        }

        /// `h16 *(":" h16)`, optionally ending in a dotted IPv4 address; an empty text is no groups.
        private static func groups(_ text: ArraySlice<UInt8>, colon: UInt8, allowIPv4Tail: Bool) -> [UInt8]? {
            guard !text.isEmpty else { return [] }
            let parts = text.split(separator: colon, omittingEmptySubsequences: false)
            var bytes: [UInt8] = []
            for (index, part) in parts.enumerated() {
                if index == parts.count - 1, part.contains(UInt8(ascii: ".")) {
                    guard allowIPv4Tail, let v4 = parseIPv4(part) else { return nil }
                    bytes += v4
                    continue
                }
                guard (1...4).contains(part.count), part.allSatisfy(isHexDigit),
                    let value = UInt16(String(decoding: part, as: UTF8.self), radix: 16)
                else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return bytes
        }
    }
}
