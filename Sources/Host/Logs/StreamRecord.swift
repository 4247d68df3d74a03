import Codec

/// One line of `orders_denied.jsonl`, `orders_success.jsonl` or `orders_failed.jsonl`: the shared schema of
/// observability.md §5.2, 32 keys in this exact order, missing values `null`.
struct StreamRecord: Sendable {
    var tsNs: Int64
    var tsServerNs: Int64
    var runID: String
    var decisionID: String?
    var cid: String?
    var oid: String?
    var positionID: String?
    var symbol: String?
    var side: String?
    var orderType: String?
    var qty: Double?
    var price: Double?
    var fillQty: Double?
    var avgPrice: Double?
    var reduceOnly: Bool
    var lifecycleState: String?
    var reasonCode: String?
    var reasonDetail: String?
    var reasonClass: String?
    var severity: String?
    var action: String?
    var exchangeCode: String?
    var rule: String?
    var ruleset: String?
    var reasons: [String]?
    var hardGate: Bool?
    var latencyMs: Double?
    var spreadBps: Double?
    var volStdBps: Double?
    var governanceGate: String?
    var rewardTag: String?
    var pnlUsdt: Double?

    init(tsNs: Int64, tsServerNs: Int64, runID: String, reduceOnly: Bool) {
        self.tsNs = tsNs
        self.tsServerNs = tsServerNs
        self.runID = runID
        self.reduceOnly = reduceOnly
    }

    var object: JSONObject {
        func s(_ v: String?) -> JSONValue { v.map { .string($0) } ?? .null }
        func d(_ v: Double?) -> JSONValue { v.map { .double($0) } ?? .null }
        return JSONObject([
            ("ts_ns", .int(tsNs)), ("ts_server_ns", .int(tsServerNs)), ("run_id", .string(runID)),
            ("decision_id", s(decisionID)), ("cid", s(cid)), ("oid", s(oid)), ("position_id", s(positionID)),
            ("symbol", s(symbol)), ("side", s(side)), ("order_type", s(orderType)), ("qty", d(qty)), ("price", d(price)),
            ("fill_qty", d(fillQty)), ("avg_price", d(avgPrice)), ("reduce_only", .bool(reduceOnly)),
            ("lifecycle_state", s(lifecycleState)), ("reason_code", s(reasonCode)), ("reason_detail", s(reasonDetail)),
            ("reason_class", s(reasonClass)), ("severity", s(severity)), ("action", s(action)),
            ("exchange_code", s(exchangeCode)), ("rule", s(rule)), ("ruleset", s(ruleset)),
            ("reasons", reasons.map { .array($0.map { .string($0) }) } ?? .null),
            ("hard_gate", hardGate.map { .bool($0) } ?? .null), ("latency_ms", d(latencyMs)),
            ("spread_bps", d(spreadBps)), ("vol_std_bps", d(volStdBps)), ("governance_gate", s(governanceGate)),
            ("reward_tag", s(rewardTag)), ("pnl_usdt", d(pnlUsdt)),
        ])
    }
}
