/// A canonical instrument symbol (rule-files.md §2.7): `binance:btc/usdt`, `BTC-USDT`, `BTCUSDT:USDT` → `BTCUSDT`.
public struct Symbol: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public var description: String { rawValue }
    public static func < (a: Symbol, b: Symbol) -> Bool { a.rawValue < b.rawValue }

    /// The exchange prefixes that canonicalisation drops (ccxt exchange ids; fixed list).
    public static let exchangePrefixes: Set<String> = [
        "binance", "binanceusdm", "binancecoinm", "bybit", "okx", "okex", "kraken", "krakenfutures", "coinbase",
        "bitget", "kucoin", "gate", "gateio", "mexc", "deribit", "bitmex", "huobi", "htx", "bitfinex", "bitstamp",
    ]

    /// Canonicalises `text`; nil when the result is not `^[A-Z0-9]{2,32}$`.
    public init?(canonicalizing text: String) {
        // Already canonical (`BTCUSDT`): every step of §2.7 leaves it as it is, so keep it without building a copy.
        if Symbol.isCanonical(text) {
            self.rawValue = text
            return
        }
        let canonical = Symbol.canonicalForm(of: text)
        let bytes = Array(canonical.utf8)
        guard (2...32).contains(bytes.count),
            bytes.allSatisfy({ ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) })
        else { return nil }
        self.rawValue = canonical
    }

    /// `^[A-Z0-9]{2,32}$`.
    private static func isCanonical(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            guard (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            else { return false }
            count += 1
            if count > 32 { return false }
        }
        return count >= 2
    }

    /// Steps 1–5 of rule-files.md §2.7, without the validity check (diagnostics show this form).
    public static func canonicalForm(of text: String) -> String {
        var parts = text.trimmingASCIIWhitespace().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 2, exchangePrefixes.contains(parts[0].lowercased()) { parts.removeFirst() }
        let symbolPart = parts.first ?? ""
        var out = ""
        for scalar in symbolPart.unicodeScalars where scalar != "/" && scalar != "-" && scalar != "_" {
            if scalar.value >= 97 && scalar.value <= 122 {
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 32)!)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    /// `trimmingASCIIWhitespace().lowercased()`; returns the string itself, without allocating, when neither step
    /// would change it (ASCII, no upper-case letter, no leading or trailing whitespace).
    package func trimmedLowercased() -> String {
        var first = true
        var last: UInt8 = 0
        for byte in utf8 {
            if byte >= 0x80 || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (first && Self.isASCIISpace(byte)) {
                return trimmingASCIIWhitespace().lowercased()
            }
            first = false
            last = byte
        }
        if !first && Self.isASCIISpace(last) { return trimmingASCIIWhitespace().lowercased() }
        return self
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The string without leading and trailing ASCII whitespace (space, tab, CR, LF, VT, FF).
    package func trimmingASCIIWhitespace() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { [" ", "\t", "\r", "\n", "\u{0B}", "\u{0C}"].contains($0) }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }
}
