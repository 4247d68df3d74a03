/// The canonical side of an order or fill: `buy`/`long` → `buy`, `sell`/`short` → `sell` (rule-files.md §2.7).
public enum OrderSide: String, Sendable, Hashable {
    case buy, sell

    /// The words a client may send, in the order of the 422 message.
    public static let acceptedWords = ["buy", "sell", "long", "short"]

    /// The canonical side of `text` after trimming and lower-casing; nil for any other word.
    public init?(word text: String) {
        switch Coercion.trimmed(text).lowercased() {
        case "buy", "long": self = .buy
        case "sell", "short": self = .sell
        default: return nil
        }
    }
}
