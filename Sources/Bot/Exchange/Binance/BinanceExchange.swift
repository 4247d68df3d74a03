import Codec
import Wire

/// Binance signed REST as an exchange adapter (bot.md §8.2): LIMIT/MARKET orders, reduce-only exits on futures,
/// status queries for open or unknown orders, TTL cancels. Every error is a `REJECTED` outcome with the code.
final class BinanceExchange: ExchangeAdapter {
    let exchangeName = "binance"
    let rest: BinanceREST
    let market: BotConfiguration.Market
    let filters: [String: BinanceFilters]
    let makerFeeBps: Double
    let takerFeeBps: Double

    init(rest: BinanceREST, filters: [String: BinanceFilters], makerFeeBps: Double, takerFeeBps: Double) {
        self.rest = rest
        market = rest.endpoints.market
        self.filters = filters
        self.makerFeeBps = makerFeeBps
        self.takerFeeBps = takerFeeBps
    }

    /// The order parameters in the order of the §8.2 table (without `recvWindow`, `timestamp`, `signature`): also
    /// what the dry run journals.
    func orderParameters(_ ticket: OrderTicket) -> [(String, String)] {
        let f = filters[ticket.symbol] ?? BinanceFilters()
        let step = ticket.type == .limit ? f.limitStep : f.marketStep
        var params: [(String, String)] = [
            ("symbol", ticket.symbol), ("side", ticket.side == .buy ? "BUY" : "SELL"), ("type", ticket.type.rawValue),
        ]
        if ticket.type == .limit { params.append(("timeInForce", "GTC")) }
        params.append(("quantity", Rounding.text(ticket.qty, step: step)))
        if ticket.type == .limit, let price = ticket.price {
            let rounded =
                ticket.side == .buy ? Rounding.down(price, step: f.tickSize) : Rounding.up(price, step: f.tickSize)
            params.append(("price", Rounding.text(rounded, step: f.tickSize)))
        }
        if ticket.reduceOnly, market == .futures { params.append(("reduceOnly", "true")) }
        params.append(("newClientOrderId", ticket.cid))
        params.append(("newOrderRespType", market == .futures ? "RESULT" : "FULL"))
        return params
    }

    func place(_ ticket: OrderTicket, update: MarketUpdate, nowMs: Int64) -> (outcome: OrderOutcome, open: OpenOrder?) {
        let result = rest.signed("POST", rest.endpoints.order, orderParameters(ticket))
        let latency = Math.rounded(rest.lastRoundTripMs, places: 3)
        switch result {
        case .success(let body):
            var outcome = self.outcome(body, ticket: ticket) ?? OrderOutcome(status: .unknown)
            outcome.latencyMs = latency
            let open = outcome.status.isTerminal ? nil : OpenOrder(ticket: ticket, placedAtMs: nowMs, outcome: outcome)
            return (outcome, open)
        case .failure(let error) where error.code == "TIMEOUT" || error.code.hasPrefix("HTTP_5"):
            let outcome = OrderOutcome(status: .unknown, latencyMs: latency)
            return (outcome, OpenOrder(ticket: ticket, placedAtMs: nowMs, outcome: outcome))
        case .failure(let error):
            if error.code == "-1021" { rest.syncTime() }
            return (.rejected(error.code, error.message, latencyMs: latency), nil)
        }
    }

    func advance(_ order: inout OpenOrder, update: MarketUpdate?, nowMs: Int64) -> OrderOutcome? {
        let params = [("symbol", order.ticket.symbol), ("origClientOrderId", order.ticket.cid)]
        switch rest.signed("GET", rest.endpoints.order, params) {
        case .success(let body):
            guard var outcome = outcome(body, ticket: order.ticket) else { return nil }
            outcome.latencyMs = order.outcome.latencyMs
            guard outcome != order.outcome else { return nil }
            order.outcome = outcome
            return outcome
        case .failure(let error) where error.code == "-2013" && order.outcome.status == .unknown:
            let outcome = OrderOutcome.rejected("-2013", error.message, latencyMs: order.outcome.latencyMs)
            order.outcome = outcome
            return outcome
        case .failure:
            return nil
        }
    }

    func cancel(_ order: OpenOrder, nowMs: Int64) -> OrderOutcome {
        let params = [("symbol", order.ticket.symbol), ("origClientOrderId", order.ticket.cid)]
        if case .success(let body) = rest.signed("DELETE", rest.endpoints.order, params),
            var outcome = outcome(body, ticket: order.ticket)
        {
            outcome.latencyMs = order.outcome.latencyMs
            if !outcome.status.isTerminal { outcome.status = .canceled }
            return outcome
        }
        var copy = order
        if let queried = advance(&copy, update: nil, nowMs: nowMs), queried.status.isTerminal { return queried }
        var outcome = copy.outcome
        if outcome.status == .unknown {
            return .rejected("-2013", "order status unknown at cancel", latencyMs: outcome.latencyMs)
        }
        if !outcome.status.isTerminal { outcome.status = .canceled }
        return outcome
    }

    /// An order response: status, executed quantity, average price (futures `avgPrice`; spot
    /// `cummulativeQuoteQty/executedQty`), order id; fees from the configured rates.
    func outcome(_ body: JSONValue, ticket: OrderTicket) -> OrderOutcome? {
        guard let word = body["status"]?.stringValue, let status = OrderStatus(exchangeWord: word) else { return nil }
        let filled = body["executedQty"]?.decimal ?? 0
        var avg: Double?
        if market == .futures {
            avg = body["avgPrice"]?.decimal.flatMap { $0 > 0 ? $0 : nil }
        } else if filled > 0, let quote = body["cummulativeQuoteQty"]?.decimal {
            avg = quote / filled
        }
        let rate = ticket.type == .limit ? makerFeeBps : takerFeeBps
        let oid = body["orderId"].flatMap { $0.intValue.map(String.init) ?? $0.stringValue }
        return OrderOutcome(
            status: status, filled: filled, avgPrice: filled > 0 ? avg : nil,
            feesUsdt: filled * (avg ?? 0) * rate / 1e4, oid: oid)
    }

    /// Futures `positionRisk` for `symbol`: true when flat; nil when it cannot be read.
    func isFlat(_ symbol: String) -> Bool? {
        guard market == .futures else { return nil }
        guard case .success(let body) = rest.signed("GET", BinanceEndpoints.positionRisk, [("symbol", symbol)]) else {
            return nil
        }
        let amount = body.arrayValue?.compactMap { $0["positionAmt"]?.decimal }.reduce(0, +) ?? 0
        return abs(amount) < 1e-12
    }
}
