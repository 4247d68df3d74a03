import Codec
import RuleEngine
import Wire

/// The records of one `/posttrade/log` 200 (http-api.md §5.6, observability.md §3.4, §5): the report itself
/// (`orders.jsonl`, `POSTTRADE.LOG`, the success or failed stream line, `ORDER.REJECT`), and what booking it caused
/// (`ORDER.FILL` / `ORDER.PARTIAL`, then the rules' `AURORA.COOL_OFF`, `GOVERNANCE.STATE`, `AURORA.HALT`).
enum PosttradeRecords {
    static func order(_ r: PosttradeReport) -> EventFactory.OrderFields {
        EventFactory.OrderFields(
            symbol: r.symbol.flatMap(Symbol.init(canonicalizing:))?.rawValue, cid: r.cid, oid: r.oid, side: r.side,
            orderType: r.orderType, price: r.price, qty: r.qty, positionID: r.positionID)
    }

    /// The records that do not depend on booking; `receivedNs` is the server receive time.
    static func report(_ p: PosttradeService.Prepared, receivedNs: Int64, fingerprint: String,
                       events factory: EventFactory) -> [LogRecord] {
        let r = p.source
        let nowMs = receivedNs / 1_000_000
        let masked = SecretMask.masked(p.payload)
        var raw = masked
        if raw["ts_server"] == nil { raw.append("ts_server", .int(nowMs)) }
        var out: [LogRecord] = [.line(.orders, raw)]
        let fields = order(r)
        let details = JSONObject([("seq", .int(Int64(p.seq))), ("now_ms", .int(nowMs)),
                                  ("classification", .string(p.classification)), ("close", .bool(r.isClose)),
                                  ("payload", .object(masked))])
        if let e = factory.record("POSTTRADE.LOG", order: fields, details: details, src: .api, nowMs: nowMs) {
            out.append(e)
        }
        switch r.classification {
        case .success:
            out.append(.line(.ordersSuccess, stream(p, receivedNs: receivedNs, fingerprint: fingerprint,
                                                    runID: factory.runID).object))
        case .failed:
            out.append(.line(.ordersFailed, stream(p, receivedNs: receivedNs, fingerprint: fingerprint,
                                                   runID: factory.runID).object))
            let normalized = ExchangeErrorCode.normalize(r.errorCode)
            let reject = JSONObject([
                ("seq", .int(Int64(p.seq))), ("reason_code", r.errorCode ?? .null),
                ("reason_detail", reasonDetail(r).map { .string($0) } ?? .null),
                ("normalized_code", .string(normalized.reasonCode)), ("severity", .string(normalized.severity)),
                ("action", .string(normalized.action)),
            ])
            if let e = factory.record("ORDER.REJECT", order: fields, details: reject, src: .api, nowMs: nowMs) {
                out.append(e)
            }
        case .neither:
            break
        }
        return out
    }

    /// The records of what booking did: the fill event of a success, then the rules' events.
    static func booked(_ p: PosttradeService.Prepared, _ applied: PosttradeService.Applied, receivedNs: Int64,
                       events factory: EventFactory) -> [LogRecord] {
        let r = p.source
        let nowMs = receivedNs / 1_000_000
        var out: [LogRecord] = []
        var fields = order(r)
        if r.classification == .success {
            let change = applied.change
            let cumulative = change.cumulativeFill ?? r.filled
            var partial = false
            if let cumulative, let qty = r.qty { partial = cumulative < qty }
            fields.price = r.fillPrice
            let details = JSONObject([
                ("seq", .int(Int64(p.seq))), ("fill_qty", cumulative.map { .double($0) } ?? .null),
                ("fill_delta", change.fillDelta.map { .double($0) } ?? .null),
                ("avg_price", r.fillPrice.map { .double($0) } ?? .null), ("position_qty", .double(change.positionQty)),
                ("exposure_usdt", .double(change.exposureUsdt)),
                ("decision_id", p.decisionID.map { .string($0) } ?? .null),
            ])
            if let e = factory.record(partial ? "ORDER.PARTIAL" : "ORDER.FILL", order: fields, details: details,
                                      src: .api, nowMs: nowMs) {
                out.append(e)
            }
        }
        let symbolOnly = EventFactory.OrderFields(symbol: fields.symbol)
        for event in applied.events {
            let code = event.event.code
            let top = code == "AURORA.COOL_OFF" ? symbolOnly : EventFactory.OrderFields.none
            if let e = factory.record(code, order: top, details: EventFactory.withSeq(p.seq, event.event.details),
                                      src: .api, nowMs: nowMs) {
                out.append(e)
            }
        }
        return out
    }

    static func reasonDetail(_ r: PosttradeReport) -> String? {
        if let msg = r.errorMsg?.stringValue { return msg }
        return r.error?.stringValue
    }

    /// The success or failed stream line (observability.md §5.2, posttrade column).
    static func stream(_ p: PosttradeService.Prepared, receivedNs: Int64, fingerprint: String,
                       runID: String) -> StreamRecord {
        let r = p.source
        let serverNs = receivedNs / 1_000_000 * 1_000_000  // the receive time in ms, as `ts_server` and `now_ms`
        var s = StreamRecord(tsNs: r.tsNs ?? serverNs, tsServerNs: serverNs, runID: runID, reduceOnly: r.isClose)
        s.decisionID = r.decisionID
        s.cid = r.cid
        s.oid = r.oid
        s.positionID = r.positionID
        s.symbol = r.symbol.flatMap(Symbol.init(canonicalizing:))?.rawValue
        s.side = r.side?.rawValue
        s.orderType = r.orderType
        s.qty = r.qty
        s.price = r.price
        s.fillQty = r.filled
        s.avgPrice = r.average
        s.lifecycleState = r.status.map { Coercion.trimmed($0).uppercased() }
        if r.classification == .failed {
            let normalized = ExchangeErrorCode.normalize(r.errorCode)
            s.reasonCode = normalized.reasonCode
            s.reasonDetail = reasonDetail(r)
            s.reasonClass = "EXCHANGE"
            s.severity = normalized.severity
            s.action = normalized.action
            s.exchangeCode = ExchangeErrorCode.exchangeCode(r.errorCode)
        }
        s.ruleset = fingerprint
        s.latencyMs = number(r.payload["latency_ms"])
        s.spreadBps = number(r.payload["spread_bps"])
        s.volStdBps = number(r.payload["vol_std_bps"])
        s.governanceGate = r.governanceGate
        s.rewardTag = r.rewardTag
        s.pnlUsdt = r.pnlUsdt
        return s
    }

    /// A JSON number or numeric string (http-api.md §5.1 "numbers may be JSON numbers or numeric strings").
    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let i)?: Double(i)
        case .double(let d)?: d.isFinite ? d : nil
        case .string(let s)?: Double(Coercion.trimmed(s)).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }
}
