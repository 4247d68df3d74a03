/// One symbol's entry in the gate's position book (gates.md §2.3).
public struct Position: Sendable, Hashable {
    /// Signed base quantity: positive long, negative short; never below 1e−12 in magnitude (that is flat).
    public var qty: Double
    /// When the position was opened from flat or last flipped (server receive time).
    public var sinceMs: Int64
    /// The fill price of the latest report that changed the position.
    public var lastFillPrice: Double
    /// Volume-weighted price of the fills that increased the position.
    public var averageEntryPrice: Double

    public init(qty: Double, sinceMs: Int64, lastFillPrice: Double, averageEntryPrice: Double) {
        self.qty = qty
        self.sinceMs = sinceMs
        self.lastFillPrice = lastFillPrice
        self.averageEntryPrice = averageEntryPrice
    }

    /// A magnitude below this is flat (http-api.md §5.4).
    public static let flatBelow = 1e-12

    public var side: Side? { qty > 0 ? .buy : (qty < 0 ? .sell : nil) }
    public var exposureUsdt: Double { abs(qty) * lastFillPrice }
}
