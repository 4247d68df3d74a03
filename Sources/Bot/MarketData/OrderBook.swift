/// One symbol's book snapshot: `bids` best (highest) first, `asks` best (lowest) first.
public struct OrderBook: Sendable, Hashable {
    /// A price level.
    public struct Level: Sendable, Hashable {
        public var price: Double
        public var qty: Double

        public init(_ price: Double, _ qty: Double) {
            self.price = price
            self.qty = qty
        }
    }

    public var bids: [Level]
    public var asks: [Level]

    public init(bids: [Level], asks: [Level]) {
        self.bids = bids
        self.asks = asks
    }

    /// Both sides have at least one level.
    public var isTwoSided: Bool { !bids.isEmpty && !asks.isEmpty }
    public var bestBid: Double? { bids.first?.price }
    public var bestAsk: Double? { asks.first?.price }
    /// `(b_0 + a_0)/2`, nil with an empty side.
    public var mid: Double? {
        guard let bid = bestBid, let ask = bestAsk else { return nil }
        return (bid + ask) / 2
    }

    /// The quantity resting at `price` on one side (0 when the price is not on the book).
    func quantity(at price: Double, onBidSide: Bool) -> Double {
        (onBidSide ? bids : asks).first { $0.price == price }?.qty ?? 0
    }
}
