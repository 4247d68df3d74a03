import Wire

/// The deterministic fill model of bot.md §8.1, as pure functions of an order and the symbol's update. Used by the
/// paper exchange and by the live dry run.
struct PaperFillModel: Sendable, Hashable {
    var makerFeeBps: Double
    var takerFeeBps: Double
    /// A resting limit order's remainder is cancelled this long after placement.
    var limitTTLms: Int64

    /// A market order walks the opposite side; what the book cannot fill expires.
    func market(_ ticket: OrderTicket, book: OrderBook, oid: String) -> OrderOutcome {
        let levels = ticket.side == .buy ? book.asks : book.bids
        var left = ticket.qty
        var notional = 0.0
        for level in levels where left > 1e-12 {
            let take = min(left, level.qty)
            notional += take * level.price
            left -= take
        }
        let filled = ticket.qty - max(0, left)
        let status: OrderStatus = left > 1e-12 ? .expired : .filled
        return OrderOutcome(
            status: status, filled: filled, avgPrice: filled > 0 ? notional / filled : nil,
            feesUsdt: notional * takerFeeBps / 1e4, oid: oid)
    }

    /// A limit order at placement: the marketable part fills at once as a taker against levels priced at or
    /// better than the limit; the rest rests behind the quantity already at its price.
    func placeLimit(_ ticket: OrderTicket, book: OrderBook, oid: String, nowMs: Int64) -> (OrderOutcome, OpenOrder?) {
        let price = ticket.price ?? 0
        let isBuy = ticket.side == .buy
        var left = ticket.qty
        var notional = 0.0
        for level in isBuy ? book.asks : book.bids where left > 1e-12 {
            guard isBuy ? level.price <= price : level.price >= price else { break }
            let take = min(left, level.qty)
            notional += take * level.price
            left -= take
        }
        let filled = ticket.qty - max(0, left)
        let fees = notional * takerFeeBps / 1e4
        if left <= 1e-12 {
            return (
                OrderOutcome(
                    status: .filled, filled: ticket.qty, avgPrice: notional / filled, feesUsdt: fees,
                    oid: oid), nil
            )
        }
        let outcome = OrderOutcome(
            status: filled > 0 ? .partiallyFilled : .new, filled: filled,
            avgPrice: filled > 0 ? notional / filled : nil,
            feesUsdt: fees, oid: oid)
        let open = OpenOrder(
            ticket: ticket, placedAtMs: nowMs, outcome: outcome,
            queueAhead: book.quantity(at: price, onBidSide: isBuy), filledNotional: notional)
        return (outcome, open)
    }

    /// A resting limit order with the symbol's next update: trades through or at its price, a crossing book, then
    /// the TTL. Returns nil when nothing changed.
    func advance(_ order: inout OpenOrder, update: MarketUpdate?, nowMs: Int64) -> OrderOutcome? {
        let before = order.outcome
        let price = order.ticket.price ?? 0
        let isBuy = order.ticket.side == .buy
        if let update {
            for trade in update.trades where remaining(order) > 1e-12 && trade.side == (isBuy ? .sell : .buy) {
                if isBuy ? trade.price < price : trade.price > price {
                    fill(&order, qty: remaining(order), price: price)
                } else if trade.price == price {
                    let excess = trade.qty - order.queueAhead
                    order.queueAhead = max(0, order.queueAhead - trade.qty)
                    if excess > 0 { fill(&order, qty: min(excess, remaining(order)), price: price) }
                }
            }
            if remaining(order) > 1e-12, let touch = isBuy ? update.book.bestAsk : update.book.bestBid,
                isBuy ? touch <= price : touch >= price
            {
                fill(&order, qty: remaining(order), price: price)
            }
        }
        if remaining(order) <= 1e-12 {
            order.outcome.status = .filled
            order.outcome.filled = order.ticket.qty
        } else if nowMs - order.placedAtMs >= limitTTLms {
            order.outcome.status = .canceled
        }
        return order.outcome == before ? nil : order.outcome
    }

    func remaining(_ order: OpenOrder) -> Double { order.ticket.qty - order.outcome.filled }

    private func fill(_ order: inout OpenOrder, qty: Double, price: Double) {
        guard qty > 0 else { return }
        order.filledNotional += qty * price
        order.outcome.filled += qty
        order.outcome.avgPrice = order.filledNotional / order.outcome.filled
        order.outcome.feesUsdt += qty * price * makerFeeBps / 1e4
        order.outcome.status = .partiallyFilled
    }
}
