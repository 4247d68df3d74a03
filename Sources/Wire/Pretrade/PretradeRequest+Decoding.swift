public import Codec

extension PretradeRequest {
    /// How request bodies are parsed: RFC 8259, depth 64, overflowing numbers kept as infinity so that they are
    /// reported as `finite_number` at their field. The byte limit is the HTTP layer's; this one only backs it up.
    public static let readLimits = JSONReader.Limits(maxDepth: 64, maxBytes: 1 << 24, allowsOverflowToInfinity: true)

    /// Parses and validates a body; every problem is collected into the 422 list, in schema order. Never traps.
    public static func decode(_ body: some Collection<UInt8>) -> Result<PretradeRequest, ValidationErrors> {
        switch parseBody(body) {
        case .success(let value): decode(value)
        case .failure(let errors): .failure(errors)
        }
    }

    /// Validates an already parsed body (e.g. a decision log's `input`, for replay).
    public static func decode(_ value: JSONValue) -> Result<PretradeRequest, ValidationErrors> {
        guard case .object(let object) = value else {
            return .failure(ValidationErrors([ValidationError(.modelAttributesType, at: ["body"], input: value)]))
        }
        var body = FieldReader(object, loc: ["body"])
        var request = PretradeRequest(raw: value)
        if var account = body.object("account", required: true) {
            request.account = Account(
                mode: account.string("mode"), accountID: account.string("account_id"),
                subaccount: account.string("subaccount"))
            body.merge(account)
        }
        if var order = body.object("order", required: true) {
            request.order = readOrder(&order)
            body.merge(order)
        }
        if var market = body.object("market", required: true) {
            request.market = readMarket(&market)
            body.merge(market)
        }
        request.ts = body.int("ts", .ge(0))
        request.reqID = body.string("req_id")
        request.riskTags = body.strings("risk_tags")
        request.feesBps = body.double("fees_bps")
        return body.errors.isEmpty ? .success(request) : .failure(body.errors)
    }

    /// The body bytes as one JSON value: empty → `missing` at `["body"]`; unparsable → `json_invalid`.
    public static func parseBody(_ body: some Collection<UInt8>) -> Result<JSONValue, ValidationErrors> {
        if body.isEmpty { return .failure(ValidationErrors([.missing(at: ["body"], in: .null)])) }
        do {
            return .success(try JSONReader.parse(body, limits: readLimits))
        } catch {
            return .failure(ValidationErrors([.jsonInvalid(error)]))
        }
    }

    private static func readOrder(_ order: inout FieldReader) -> Order {
        var out = Order()
        out.symbol = order.string("symbol")
        if let (raw, side) = order.read("side", readSide) {
            out.side = raw
            out.canonicalSide = side
        }
        out.qty = order.double("qty", .ge(0))
        out.price = order.double("price", .gt(0))
        out.baseNotional = order.double("base_notional", .ge(0))
        out.notional = order.double("notional", .ge(0))
        out.type = order.string("type")
        out.reduceOnly = order.bool("reduce_only")
        out.clientOrderID = order.string("client_order_id")
        return out
    }

    private static func readSide(_ value: JSONValue) -> Result<(String, OrderSide), ValidationError.Kind> {
        Coercion.string(value).flatMap { raw in
            guard let side = OrderSide(word: raw) else { return .failure(.literal(OrderSide.acceptedWords)) }
            return .success((raw, side))
        }
    }

    private static func readMarket(_ market: inout FieldReader) -> Market {
        var out = Market()
        out.latencyMs = market.double("latency_ms", .ge(0))
        out.spreadBps = market.double("spread_bps")
        out.score = market.double("score")
        out.aBps = market.double("a_bps")
        out.bBps = market.double("b_bps")
        out.slipBpsEst = market.double("slip_bps_est")
        out.modeRegime = market.string("mode_regime")
        out.trapCancelDeltas = market.doubles("trap_cancel_deltas")
        out.trapAddDeltas = market.doubles("trap_add_deltas")
        out.trapTradesCnt = market.int("trap_trades_cnt", .ge(0))
        out.obiSign = market.int("obi_sign")
        out.tfiSign = market.int("tfi_sign")
        out.sprtSamples = market.doubles("sprt_samples")
        out.pnlTodayPct = market.double("pnl_today_pct")
        out.openPositions = market.int("open_positions", .ge(0))
        if var dq = market.object("dq") {
            out.dq = DataQuality(
                staleBook: dq.bool("stale_book"), crossedBook: dq.bool("crossed_book"),
                abnormalSpread: dq.bool("abnormal_spread"))
            market.merge(dq)
        }
        out.quoteTsMs = market.int("quote_ts_ms", .ge(0))
        out.mid = market.double("mid", .gt(0))
        out.bestBid = market.double("best_bid", .gt(0))
        out.bestAsk = market.double("best_ask", .gt(0))
        out.volStdBps = market.double("vol_std_bps", .ge(0))
        out.symbol = market.string("symbol")
        return out
    }
}
