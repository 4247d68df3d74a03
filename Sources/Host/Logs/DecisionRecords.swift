import Codec
import RuleEngine
import Wire

/// The records of one `/pretrade/check` 200 (http-api.md §4.7, observability.md §3.4, §4, §5): per rule in pipeline
/// order `RULE.ERROR`, `RULE.DENY` / `RULE.SHADOW_DENY` and the rule's legacy events; then `POLICY.DECISION`; on an
/// enforcing deny one `orders_denied.jsonl` line.
enum DecisionRecords {
    static func records(_ p: DecisionService.Pretrade, events factory: EventFactory) -> [LogRecord] {
        let decision = p.decision
        let request = p.request
        let context = decision.context
        let nowMs = context.now.ms
        let order = EventFactory.OrderFields(
            symbol: context.symbol?.rawValue, cid: request.order.clientOrderID,
            side: request.order.side.flatMap(OrderSide.init(word:)), orderType: request.order.type,
            price: request.order.price, qty: request.order.qty)
        var out: [LogRecord] = []
        for event in decision.events {
            var details = EventFactory.withSeq(p.seq, [:])
            let code = event.event.code
            if code == "RULE.DENY" || code == "RULE.SHADOW_DENY" || code == "RULE.ERROR" {
                details.append("decision_id", .string(p.decisionID))
                for (key, value) in event.event.details { details.append(key == "reasons" ? "entries" : key, value) }
            } else {
                for (key, value) in event.event.details where key != "seq" { details.append(key, value) }
            }
            if let record = factory.record(code, order: order, details: details, src: .api, nowMs: nowMs) {
                out.append(record)
            }
        }
        if let record = factory.record("POLICY.DECISION", order: order, details: policyDetails(p), src: .api,
                                       nowMs: nowMs) {
            out.append(record)
        }
        if !decision.allow { out.append(.line(.ordersDenied, denied(p, runID: factory.runID).object)) }
        return out
    }

    /// `POLICY.DECISION.details`, observability.md §4.
    static func policyDetails(_ p: DecisionService.Pretrade) -> JSONObject {
        let d = p.decision
        let derived = d.context.derived
        var o = JSONObject()
        o.append("seq", .int(Int64(p.seq)))
        o.append("decision_id", .string(p.decisionID))
        o.append("now_ms", .int(d.context.now.ms))
        o.append("decision", .string(d.allow ? "EXECUTE" : "NO_OP"))
        o.append("allow", .bool(d.allow))
        o.append("reason", .string(d.reason.rawValue))
        o.append("rule", d.decidedBy.map { .string($0.id.rawValue) } ?? .null)
        o.append("reasons", .array(d.reasons.map { .string($0) }))
        o.append("diagnostics", .array(d.diagnostics.map { .string($0) }))
        o.append("hard_gate", .bool(d.hard))
        o.append("max_qty", .double(d.maxQty))
        o.append("risk_scale", .double(d.riskScale))
        o.append("cooldown_ms", .int(d.cooldownMs))
        o.append("quotas", .object(JSONObject([("trades_pm_left", .int(d.quotas.tradesPerMinuteLeft)),
                                               ("symbol_exposure_left_usdt", .double(d.quotas.symbolExposureLeftUsdt))])))
        o.append("mode", .string(d.context.accountMode))
        o.append("ruleset", .object(JSONObject([("name", .string(d.ruleSet.name)),
                                                ("fingerprint", .string(d.ruleSet.fingerprint))])))
        o.append("explain", .bool(p.explain))
        o.append("input", p.input)
        o.append("derived", .object(JSONObject([
            ("symbol", d.context.symbol.map { .string($0.rawValue) } ?? .null),
            ("side", d.context.side.map { .string($0.rawValue) } ?? .null),
            ("qty", derived.qty.map { .double($0) } ?? .null),
            ("price_ref", derived.priceRef.value.map { .double($0) } ?? .null),
            ("notional_usdt", derived.notionalUsdt.map { .double($0) } ?? .null),
            ("reduce_only", .bool(derived.reduceOnly)),
        ])))
        o.append("rules", .array(WireMapping.traceItems(d.trace).map(traceJSON)))
        return o
    }

    /// A compact trace item as `RuleTraceItem.write` encodes it.
    static func traceJSON(_ item: RuleTraceItem) -> JSONValue {
        var o = JSONObject([("id", .string(item.id)), ("type", .string(item.type)), ("mode", .string(item.mode)),
                            ("verdict", .string(item.verdict.rawValue))])
        if let reason = item.reason { o.append("reason", .string(reason)) }
        if let measured = item.measured { o.append("measured", .double(measured)) }
        if let threshold = item.threshold { o.append("threshold", .double(threshold)) }
        o.append("us", .double(item.verdict == .notEvaluated ? 0 : item.roundedUs))
        return .object(o)
    }

    /// The `orders_denied.jsonl` line (observability.md §5.2, denied column).
    static func denied(_ p: DecisionService.Pretrade, runID: String) -> StreamRecord {
        let d = p.decision
        let r = p.request
        let ns = d.context.now.ms * 1_000_000
        var s = StreamRecord(tsNs: ns, tsServerNs: ns, runID: runID, reduceOnly: r.order.reduceOnly ?? false)
        s.decisionID = p.decisionID
        s.cid = r.order.clientOrderID
        s.symbol = d.context.symbol?.rawValue
        s.side = r.order.side.flatMap(OrderSide.init(word:))?.rawValue
        s.orderType = r.order.type
        s.qty = r.order.qty
        s.price = r.order.price
        s.reasonCode = d.reason.rawValue
        let deciding = d.trace.decidingStep
        let others = (deciding?.entries ?? []).filter { $0 != d.reason.rawValue }
        s.reasonDetail = others.isEmpty ? d.reason.rawValue : others.joined(separator: "; ")
        s.reasonClass = "AURORA"
        s.severity = "WARN"
        s.action = "ABORT"
        s.rule = d.decidedBy?.id.rawValue
        s.ruleset = d.ruleSet.fingerprint
        s.reasons = d.reasons
        s.hardGate = d.hard
        s.latencyMs = r.market.latencyMs
        s.spreadBps = r.market.spreadBps
        s.volStdBps = r.market.volStdBps
        if d.decidedBy?.type.rawValue == "governance" { s.governanceGate = d.reason.rawValue }
        return s
    }
}
