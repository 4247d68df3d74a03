import Wire

/// The TRAP deltas of one pair of consecutive books of a symbol (bot.md §4), arrays of length L.
struct TrapInputs: Sendable, Hashable {
    var cancelDeltas: [Double]
    var addDeltas: [Double]

    /// `trades` are the current update's: sell-aggressor trades hit bids, buy-aggressor trades hit asks.
    init(previous: OrderBook, current: OrderBook, trades: [MarketUpdate.Trade], levels: Int) {
        var cancel = [Double](repeating: 0, count: levels)
        var add = [Double](repeating: 0, count: levels)
        for onBids in [true, false] {
            let before = onBids ? previous.bids : previous.asks
            let now = onBids ? current.bids : current.asks
            let hitting: OrderSide = onBids ? .sell : .buy
            let deepest = now.last?.price
            for (i, level) in before.prefix(levels).enumerated() {
                if let deepest, onBids ? level.price < deepest : level.price > deepest { continue }
                let qNow = now.first { $0.price == level.price }?.qty ?? 0
                let traded = trades.filter { $0.side == hitting && $0.price == level.price }.reduce(0) { $0 + $1.qty }
                cancel[i] += max(0, level.qty - qNow - traded)
            }
            for (i, level) in now.prefix(levels).enumerated() {
                let qPrev = before.first { $0.price == level.price }?.qty ?? 0
                add[i] += max(0, level.qty - qPrev)
            }
        }
        cancelDeltas = cancel
        addDeltas = add
    }
}
