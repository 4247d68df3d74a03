/// A canonical order side: `buy`/`long` → `.buy`, `sell`/`short` → `.sell` (trimmed, case-insensitive).
public enum Side: String, Sendable, Hashable {
    case buy, sell

    public init?(canonicalizing text: String) {
        switch text.trimmedLowercased() {
        case "buy", "long": self = .buy
        case "sell", "short": self = .sell
        default: return nil
        }
    }

    public var opposite: Side { self == .buy ? .sell : .buy }
    /// +1 for a buy, −1 for a sell.
    public var sign: Double { self == .buy ? 1 : -1 }
}
