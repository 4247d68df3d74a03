import Wire

/// Walking one side of the book for a quantity (bot.md §4 `slip_bps_est`, §8.1 market fills).
struct BookWalk: Sendable, Hashable {
    /// Volume-weighted price of the walk; a short book prices the remainder at its last level.
    var vwap: Double
    /// Quantity available on the side up to `qty`.
    var available: Double
    /// The side ran out before `qty`.
    var isShort: Bool

    /// Walks `levels` (best first) for `qty`; nil when the side is empty or `qty` ≤ 0.
    init?(_ levels: [OrderBook.Level], qty: Double) {
        guard let last = levels.last, qty > 0 else { return nil }
        var left = qty
        var cost = 0.0
        for level in levels where left > 0 {
            let take = min(left, level.qty)
            cost += take * level.price
            left -= take
        }
        available = qty - max(0, left)
        isShort = left > 1e-12
        if isShort { cost += left * last.price }
        vwap = cost / qty
    }

    /// `slip_bps_est` for an order of `side` and `qty` against `book`: buy `(vwap − a_0)/mid·1e4`, sell
    /// `(b_0 − vwap)/mid·1e4`.
    static func slippage(_ book: OrderBook, side: OrderSide, qty: Double) -> (bps: Double, walk: BookWalk)? {
        guard let mid = book.mid, let bid = book.bestBid, let ask = book.bestAsk else { return nil }
        guard let walk = BookWalk(side == .buy ? book.asks : book.bids, qty: qty) else { return nil }
        let bps = side == .buy ? (walk.vwap - ask) / mid * 1e4 : (bid - walk.vwap) / mid * 1e4
        return (bps, walk)
    }
}
