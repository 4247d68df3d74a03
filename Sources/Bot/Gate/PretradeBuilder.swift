import Codec
import Wire

/// Everything one pretrade request carries (bot.md §6).
struct PretradeContext {
    var ts: Int64
    var reqID: String
    var riskTags: [String]
    var feesBps: Double
    var accountMode: String
    var accountID: String
    var ticket: OrderTicket
    /// Quantity wanted, before the gate's cap.
    var requestedQty: Double
    var baseNotional: Double?
    var leverage: Int?
    var signals: Signals
    var slipBpsEst: Double?
    var latencyMs: Double
    var quoteTsMs: Int64
    var pnlTodayPct: Double
    var openPositions: Int
}

/// Encodes the `POST /pretrade/check` body, keys in the order of bot.md §6; unknown values are omitted.
enum PretradeBuilder {
    static func body(_ c: PretradeContext) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.key("ts")
        w.int(c.ts)
        w.key("req_id")
        w.string(c.reqID)
        w.key("risk_tags")
        w.strings(c.riskTags)
        w.key("fees_bps")
        w.double(c.feesBps)
        w.key("account")
        w.beginObject()
        w.key("mode")
        w.string(c.accountMode)
        w.key("account_id")
        w.string(c.accountID)
        w.endObject()
        w.key("order")
        w.beginObject()
        w.key("symbol")
        w.string(c.ticket.symbol)
        w.key("side")
        w.string(c.ticket.side.rawValue)
        w.key("qty")
        w.double(c.requestedQty)
        w.field("price", c.ticket.type == .limit ? c.ticket.price : nil)
        w.field("base_notional", c.baseNotional)
        w.key("type")
        w.string(c.ticket.type.rawValue)
        if c.ticket.type == .limit {
            w.key("time_in_force")
            w.string("GTC")
        }
        if let leverage = c.leverage {
            w.key("leverage")
            w.int(Int64(leverage))
        }
        w.key("reduce_only")
        w.bool(c.ticket.reduceOnly)
        w.key("client_order_id")
        w.string(c.ticket.cid)
        w.endObject()
        let s = c.signals
        w.key("market")
        w.beginObject()
        w.key("latency_ms")
        w.double(c.latencyMs)
        w.key("spread_bps")
        w.double(s.spreadBps)
        w.key("score")
        w.double(s.score)
        w.field("a_bps", s.aBps)
        w.field("b_bps", s.bBps)
        w.field("slip_bps_est", c.slipBpsEst)
        if let regime = s.modeRegime {
            w.key("mode_regime")
            w.string(regime)
        }
        w.key("mid")
        w.double(s.mid)
        w.key("best_bid")
        w.double(s.bestBid)
        w.key("best_ask")
        w.double(s.bestAsk)
        w.key("quote_ts_ms")
        w.int(c.quoteTsMs)
        w.field("vol_std_bps", s.volStdBps)
        if let cancel = s.trapCancelDeltas, let add = s.trapAddDeltas, let count = s.trapTradesCnt {
            w.key("trap_cancel_deltas")
            w.doubles(cancel)
            w.key("trap_add_deltas")
            w.doubles(add)
            w.key("trap_trades_cnt")
            w.int(count)
        }
        w.key("obi_sign")
        w.int(s.obiSign)
        w.key("tfi_sign")
        w.int(s.tfiSign)
        w.key("sprt_samples")
        w.doubles(s.sprtSamples)
        w.key("pnl_today_pct")
        w.double(c.pnlTodayPct)
        w.key("open_positions")
        w.int(Int64(c.openPositions))
        w.key("dq")
        w.beginObject()
        w.key("stale_book")
        w.bool(s.staleBook)
        w.key("crossed_book")
        w.bool(s.crossedBook)
        w.key("abnormal_spread")
        w.bool(s.abnormalSpread)
        w.endObject()
        w.key("obi")
        w.double(s.obi)
        w.field("tfi", s.tfi)
        w.key("micro_price")
        w.double(s.microPrice)
        w.endObject()
        w.endObject()
        return w.bytes
    }
}

extension JSONWriter {
    /// A key and a finite number; nothing when the value is nil or not finite.
    mutating func field(_ name: String, _ value: Double?) {
        guard let value, value.isFinite else { return }
        key(name)
        double(value)
    }

    mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func doubles(_ values: [Double]) {
        beginArray()
        for value in values { double(value.isFinite ? value : 0) }
        endArray()
    }
}
