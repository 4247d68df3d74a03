import Wire

/// Book and trade-flow imbalance, micro-price (bot.md §4).
enum Imbalance {
    /// `(b_0·aq_0 + a_0·bq_0)/(bq_0 + aq_0)`.
    static func microPrice(_ book: OrderBook) -> Double? {
        guard let bid = book.bids.first, let ask = book.asks.first, bid.qty + ask.qty > 0 else { return nil }
        return (bid.price * ask.qty + ask.price * bid.qty) / (bid.qty + ask.qty)
    }

    /// `(Σ bq_i − Σ aq_i)/(Σ bq_i + Σ aq_i)` over i < levels (the levels available).
    static func obi(_ book: OrderBook, levels: Int) -> Double {
        let bids = book.bids.prefix(levels).reduce(0) { $0 + $1.qty }
        let asks = book.asks.prefix(levels).reduce(0) { $0 + $1.qty }
        let total = bids + asks
        return total > 0 ? (bids - asks) / total : 0
    }

    /// `(V_buy − V_sell)/(V_buy + V_sell)`; nil without volume.
    static func tfi(_ trades: some Sequence<MarketUpdate.Trade>) -> Double? {
        var buy = 0.0
        var sell = 0.0
        for trade in trades {
            if trade.side == .buy { buy += trade.qty } else { sell += trade.qty }
        }
        let total = buy + sell
        return total > 0 ? (buy - sell) / total : nil
    }

    /// `clamp(w_obi·obi + w_tfi·(tfi ?? 0), −1, 1)`.
    static func score(obi: Double, tfi: Double?, wObi: Double, wTfi: Double) -> Double {
        Math.clamp(wObi * obi + wTfi * (tfi ?? 0), -1, 1)
    }
}
