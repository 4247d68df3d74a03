import Codec
import Wire

/// The fields of one `POST /posttrade/log` report (bot.md §9).
struct PosttradeBody: Sendable, Hashable {
    struct Close: Sendable, Hashable {
        var priceOpen: Double
        var priceClose: Double
        var pnlUsdt: Double
    }

    var ts: Int64
    var reqID: String
    var decisionID: String?
    var ticket: OrderTicket
    var positionSide: PositionSide
    var outcome: OrderOutcome
    var reason: String
    var positionQtyAfter: Double
    var exchange: String
    var venue: String
    var testnet: Bool
    var dryRun: Bool
    var spreadBps: Double
    var close: Close?

    /// `FILLED`, `CANCELED`, `EXPIRED` or `REJECTED`.
    var statusWord: String {
        switch outcome.status {
        case .filled: "FILLED"
        case .canceled: "CANCELED"
        case .expired: "EXPIRED"
        case .rejected: "REJECTED"
        case .new, .partiallyFilled, .unknown: "CANCELED"
        }
    }

    func encoded() -> [UInt8] {
        var w = JSONWriter(capacity: 768)
        let filled = outcome.status == .rejected ? 0 : outcome.filled
        w.beginObject()
        w.key("ts")
        w.int(ts)
        w.key("req_id")
        w.string(reqID)
        w.field("decision_id", decisionID)
        w.key("cid")
        w.string(ticket.cid)
        w.field("oid", outcome.oid)
        w.key("symbol")
        w.string(ticket.symbol)
        w.key("side")
        w.string(ticket.side.rawValue)
        w.key("position_side")
        w.string(positionSide.rawValue)
        w.key("order_type")
        w.string(ticket.type.rawValue)
        w.key("qty")
        w.double(ticket.qty)
        if ticket.type == .limit {
            w.field("price", ticket.price)
        } else if filled > 0 {
            w.field("price", outcome.avgPrice)
        }
        w.key("status")
        w.string(statusWord)
        w.key("filled")
        w.double(filled)
        if filled > 0 { w.field("avg_price", outcome.avgPrice) }
        w.key("fees_usdt")
        w.double(outcome.status == .rejected ? 0 : outcome.feesUsdt)
        w.key("reduce_only")
        w.bool(ticket.reduceOnly)
        w.key("action")
        w.string(ticket.reduceOnly ? "close" : "open")
        w.key("reason")
        w.string(reason)
        w.key("position_qty_after")
        w.double(positionQtyAfter)
        w.key("exchange")
        w.string(exchange)
        w.key("venue")
        w.string(venue)
        w.key("testnet")
        w.bool(testnet)
        w.key("dry_run")
        w.bool(dryRun)
        w.key("latency_ms")
        w.double(outcome.latencyMs)
        w.key("spread_bps")
        w.double(spreadBps)
        if let close {
            w.key("price_open")
            w.double(close.priceOpen)
            w.key("price_close")
            w.double(close.priceClose)
            w.key("pnl_usdt")
            w.double(close.pnlUsdt)
        }
        if outcome.status == .rejected, let error = outcome.error {
            w.key("error_code")
            w.string(error.code)
            w.key("error_msg")
            w.string(error.message)
        }
        w.endObject()
        return w.bytes
    }
}
