import Wire

/// The paper exchange (bot.md §8.1): fills simulated against the book, its own positions kept from those fills,
/// the paper filters and the `reject_every` fault injection. Also the live dry run's fill model, with the Binance
/// filters passed in as `filters`.
public final class PaperExchange: ExchangeAdapter {
    /// Quantity step, minimum quantity and minimum notional.
    public struct Filters: Sendable, Hashable {
        public var qtyStep: Double
        public var minQty: Double
        public var minNotional: Double

        public init(qtyStep: Double, minQty: Double, minNotional: Double) {
            self.qtyStep = qtyStep
            self.minQty = minQty
            self.minNotional = minNotional
        }
    }

    public let exchangeName: String
    let model: PaperFillModel
    private let filtersBySymbol: [String: Filters]
    private let defaultFilters: Filters
    private let rejectEvery: Int
    private var orderCount = 0
    private var entryCount = 0
    /// Signed position per symbol, from this exchange's fills.
    public private(set) var positions: [String: Double] = [:]

    public init(
        makerFeeBps: Double, takerFeeBps: Double, limitTTLms: Int64, filters: Filters,
        filtersBySymbol: [String: Filters] = [:], rejectEvery: Int = 0, exchangeName: String = "paper"
    ) {
        model = PaperFillModel(makerFeeBps: makerFeeBps, takerFeeBps: takerFeeBps, limitTTLms: limitTTLms)
        defaultFilters = filters
        self.filtersBySymbol = filtersBySymbol
        self.rejectEvery = rejectEvery
        self.exchangeName = exchangeName
    }

    public func place(_ ticket: OrderTicket, update: MarketUpdate, nowMs: Int64) -> (
        outcome: OrderOutcome, open: OpenOrder?
    ) {
        var ticket = ticket
        let position = positions[ticket.symbol] ?? 0
        if ticket.reduceOnly {
            let closable = ticket.side == .sell ? max(0, position) : max(0, -position)
            guard closable > 1e-12 else { return (.rejected("-2022", "ReduceOnly Order is rejected."), nil) }
            ticket.qty = min(ticket.qty, closable)
        }
        let filters = filtersBySymbol[ticket.symbol] ?? defaultFilters
        let refPrice = ticket.price ?? update.book.mid ?? 0
        if ticket.qty + 1e-12 < filters.minQty || ticket.qty * refPrice + 1e-9 < filters.minNotional {
            return (.rejected("-4164", "quantity or notional below the minimum (simulated)"), nil)
        }
        if !ticket.reduceOnly {
            entryCount += 1
            if rejectEvery > 0, entryCount % rejectEvery == 0 {
                return (.rejected("-2010", "insufficient balance (simulated)"), nil)
            }
        }
        orderCount += 1
        let oid = "paper-\(orderCount)"
        let result: (OrderOutcome, OpenOrder?)
        switch ticket.type {
        case .market: result = (model.market(ticket, book: update.book, oid: oid), nil)
        case .limit: result = model.placeLimit(ticket, book: update.book, oid: oid, nowMs: nowMs)
        }
        book(ticket, filledBefore: 0, outcome: result.0)
        return result
    }

    public func advance(_ order: inout OpenOrder, update: MarketUpdate?, nowMs: Int64) -> OrderOutcome? {
        let before = order.outcome.filled
        guard let outcome = model.advance(&order, update: update, nowMs: nowMs) else { return nil }
        book(order.ticket, filledBefore: before, outcome: outcome)
        return outcome
    }

    public func cancel(_ order: OpenOrder, nowMs: Int64) -> OrderOutcome {
        var outcome = order.outcome
        if !outcome.status.isTerminal { outcome.status = .canceled }
        return outcome
    }

    /// Applies a fill delta to the exchange's position.
    private func book(_ ticket: OrderTicket, filledBefore: Double, outcome: OrderOutcome) {
        let delta = outcome.filled - filledBefore
        guard delta > 0 else { return }
        positions[ticket.symbol, default: 0] += ticket.side == .buy ? delta : -delta
        if abs(positions[ticket.symbol] ?? 0) < 1e-12 { positions[ticket.symbol] = nil }
    }
}
