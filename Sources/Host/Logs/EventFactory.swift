import Codec
import Wire

/// Builds event lines (observability.md §3): canonical codes from the allow-list only, the debounce of §3.3, and
/// the envelope of §3.1. A code outside the list is a programming error: debug builds trap, release builds drop it
/// and count `aurora_events_dropped_total{reason="unknown_code"}`.
struct EventFactory: Sendable {
    /// The top-level order fields of an event (§3.1, keys 4–11).
    struct OrderFields: Sendable {
        var symbol: String?
        var cid: String?
        var oid: String?
        var side: OrderSide?
        var orderType: String?
        var price: Double?
        var qty: Double?
        var positionID: String?
        static let none = OrderFields()
    }

    let runID: String
    let debouncer: Debouncer
    let metrics: HostMetrics?

    /// The record for `code`, or nil when it is dropped (unknown code, debounced).
    func record(_ code: String, order: OrderFields = .none, details: JSONObject, src: EventSource,
                nowMs: Int64) -> LogRecord? {
        guard let canonical = EventCode(code) else {
            assertionFailure("event code '\(code)' is not in the allow-list of observability.md §3.2")
            metrics?.eventDropped(reason: "unknown_code")
            return nil
        }
        var details = details
        if let window = Debouncer.window(for: canonical.rawValue) {
            let key = canonical.rawValue == "OPS.AUTH_FAIL"
                ? canonical.rawValue + "|" + (details["reason"]?.stringValue ?? "") : canonical.rawValue
            guard let suppressed = debouncer.admit(key, windowMs: window, nowMs: nowMs) else {
                metrics?.eventDropped(reason: "debounce")
                return nil
            }
            if suppressed > 0 { details.append("suppressed", .int(suppressed)) }
        }
        return .event(EventRecord(
            tsNs: 0, runID: runID, code: canonical, symbol: order.symbol, cid: order.cid, oid: order.oid,
            side: order.side, orderType: order.orderType, price: order.price, qty: order.qty,
            positionID: order.positionID, details: details, src: src))
    }

    /// `details` with `seq` as the first key (§3.1).
    static func withSeq(_ seq: UInt64, _ details: JSONObject) -> JSONObject {
        var out = JSONObject([("seq", .int(Int64(seq)))])
        for (key, value) in details where key != "seq" { out.append(key, value) }
        return out
    }
}
