public import Codec

extension PretradeRequest {
    /// The validated request as the decision log records it (observability.md §4 `input`): `account`, `order`,
    /// `market`, then `ts`, `req_id`, `risk_tags`, `fees_bps`; only known fields that were present and not `null`,
    /// after coercion, each object's keys in schema-table order; `symbol` and `side` as sent.
    public var validatedInput: JSONValue {
        var top = JSONObject(minimumCapacity: 8)
        var account = JSONObject(minimumCapacity: 3)
        account.put("mode", self.account.mode)
        account.put("account_id", self.account.accountID)
        account.put("subaccount", self.account.subaccount)
        top.append("account", .object(account))
        top.append("order", .object(order.validatedInput))
        top.append("market", .object(market.validatedInput))
        top.put("ts", ts)
        top.put("req_id", reqID)
        if let riskTags { top.append("risk_tags", .array(riskTags.map(JSONValue.string))) }
        top.put("fees_bps", feesBps)
        return .object(top)
    }
}

extension PretradeRequest.Order {
    var validatedInput: JSONObject {
        var out = JSONObject(minimumCapacity: 9)
        out.put("symbol", symbol)
        out.put("side", side)
        out.put("qty", qty)
        out.put("price", price)
        out.put("base_notional", baseNotional)
        out.put("notional", notional)
        out.put("type", type)
        if let reduceOnly { out.append("reduce_only", .bool(reduceOnly)) }
        out.put("client_order_id", clientOrderID)
        return out
    }
}

extension PretradeRequest.Market {
    var validatedInput: JSONObject {
        var out = JSONObject(minimumCapacity: 16)
        out.put("latency_ms", latencyMs)
        out.put("spread_bps", spreadBps)
        out.put("score", score)
        out.put("a_bps", aBps)
        out.put("b_bps", bBps)
        out.put("slip_bps_est", slipBpsEst)
        out.put("mode_regime", modeRegime)
        out.put("trap_cancel_deltas", trapCancelDeltas)
        out.put("trap_add_deltas", trapAddDeltas)
        out.put("trap_trades_cnt", trapTradesCnt)
        out.put("obi_sign", obiSign)
        out.put("tfi_sign", tfiSign)
        out.put("sprt_samples", sprtSamples)
        out.put("pnl_today_pct", pnlTodayPct)
        out.put("open_positions", openPositions)
        if let dq {
            var flags = JSONObject()
            if let staleBook = dq.staleBook { flags.append("stale_book", .bool(staleBook)) }
            if let crossedBook = dq.crossedBook { flags.append("crossed_book", .bool(crossedBook)) }
            if let abnormalSpread = dq.abnormalSpread { flags.append("abnormal_spread", .bool(abnormalSpread)) }
            out.append("dq", .object(flags))
        }
        out.put("quote_ts_ms", quoteTsMs)
        out.put("mid", mid)
        out.put("best_bid", bestBid)
        out.put("best_ask", bestAsk)
        out.put("vol_std_bps", volStdBps)
        out.put("symbol", symbol)
        return out
    }
}

extension JSONObject {
    /// Appends `key` only when `value` is present.
    mutating func put(_ key: String, _ value: String?) { if let value { append(key, .string(value)) } }
    mutating func put(_ key: String, _ value: Double?) { if let value { append(key, .double(value)) } }
    mutating func put(_ key: String, _ value: Int64?) { if let value { append(key, .int(value)) } }
    mutating func put(_ key: String, _ value: [Double]?) {
        if let value { append(key, .array(value.map(JSONValue.double))) }
    }
}
