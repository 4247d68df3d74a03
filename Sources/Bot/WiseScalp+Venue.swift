import Codec

extension WiseScalp {
    /// The exchange side of a run: the adapter, its quantity filters, and how to re-read a position.
    struct Venue {
        var exchange: any ExchangeAdapter
        var filters: (String, OrderType) -> PaperExchange.Filters
        var isFlat: ((String) -> Bool)?
    }

    /// Paper; live dry run (the paper model with the Binance filters); or live Binance after the start-up checks
    /// of bot.md §8.2 and refusal 5 of §1.
    func makeVenue() throws(BotStartError) -> Venue {
        let c = configuration
        guard c.mode == .live else {
            let paper = PaperExchange(
                makerFeeBps: c.makerFeeBps, takerFeeBps: c.takerFeeBps, limitTTLms: c.limitTTLms,
                filters: c.paperFilters, rejectEvery: c.paperRejectEvery)
            let filters = c.paperFilters
            return Venue(exchange: paper, filters: { _, _ in filters }, isFlat: { paper.positions[$0] == nil })
        }
        let rest = binanceREST()
        if !rest.syncTime() { warn("WiseScalp: could not read the Binance server time at \(rest.baseURL)") }
        let params = c.market == .spot && c.symbols.count == 1 ? [("symbol", c.symbols[0])] : []
        guard case .success(let info) = rest.get(rest.endpoints.exchangeInfo, params) else {
            throw BotStartError(lines: ["WiseScalp: refusing to start: cannot read exchangeInfo from \(rest.baseURL)"])
        }
        let filters = BinanceFilters.parse(info, market: c.market)
        let missing = c.symbols.filter { filters[$0] == nil }
        if !missing.isEmpty {
            throw BotStartError(
                lines: missing.map {
                    "WiseScalp: refusing to start: symbol \($0) (symbols, \(c.origin(of: "symbols"))) is not listed by exchangeInfo"
                })
        }
        let lookup: (String, OrderType) -> PaperExchange.Filters = { symbol, type in
            (filters[symbol] ?? BinanceFilters()).quantity(for: type)
        }
        if c.dryRun {
            let paper = PaperExchange(
                makerFeeBps: c.makerFeeBps, takerFeeBps: c.takerFeeBps, limitTTLms: c.limitTTLms,
                filters: BinanceFilters().quantity(for: .limit),
                filtersBySymbol: filters.mapValues { $0.quantity(for: .limit) }, exchangeName: "binance")
            return Venue(exchange: paper, filters: lookup, isFlat: { paper.positions[$0] == nil })
        }
        if c.market == .futures { try checkFuturesAccount(rest) }
        let exchange = BinanceExchange(
            rest: rest, filters: filters, makerFeeBps: c.makerFeeBps,
            takerFeeBps: c.takerFeeBps)
        return Venue(exchange: exchange, filters: lookup, isFlat: { exchange.isFlat($0) ?? false })
    }

    /// Refusal 5: hedge mode or a non-zero position in a configured symbol; then leverage per symbol (a failure
    /// is a warning).
    private func checkFuturesAccount(_ rest: BinanceREST) throws(BotStartError) {
        let c = configuration
        var lines: [String] = []
        switch rest.signed("GET", BinanceEndpoints.positionSideDual, []) {
        case .success(let body) where body["dualSidePosition"]?.boolValue == true:
            lines.append(
                "WiseScalp: refusing to start: the Binance futures account is in hedge mode "
                    + "(dualSidePosition true): switch it to one-way mode")
        case .success:
            break
        case .failure(let error):
            lines.append("WiseScalp: refusing to start: cannot read the position mode (\(error.code) \(error.message))")
        }
        switch rest.signed("GET", BinanceEndpoints.positionRisk, []) {
        case .success(let body):
            for item in body.arrayValue ?? [] {
                guard let symbol = item["symbol"]?.stringValue, c.symbols.contains(symbol),
                    let amount = item["positionAmt"]?.decimal, abs(amount) > 1e-12
                else { continue }
                lines.append(
                    "WiseScalp: refusing to start: \(symbol) already has a position of \(amount) on Binance: "
                        + "the bot must start flat")
            }
        case .failure(let error):
            lines.append("WiseScalp: refusing to start: cannot read positions (\(error.code) \(error.message))")
        }
        if !lines.isEmpty { throw BotStartError(lines: lines) }
        for symbol in c.symbols {
            if case .failure(let error) = rest.signed(
                "POST", BinanceEndpoints.leverage, [("symbol", symbol), ("leverage", String(c.leverage))])
            {
                warn("WiseScalp: could not set leverage \(c.leverage) on \(symbol) (\(error.code) \(error.message))")
            }
        }
    }
}
