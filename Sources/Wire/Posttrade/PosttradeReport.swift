public import Codec

/// The fields the gate reads from a `POST /posttrade/log` body (http-api.md §5.1), with its classification (§5.2)
/// and close detection (§5.3). Any keys are accepted; a known field whose value is unusable is nil and named in
/// `ignoredFields`.
public struct PosttradeReport: Sendable, Hashable {
    public enum Classification: String, Sendable, Hashable { case success, failed, neither }

    /// As sent (canonicalisation is the engine's).
    public var symbol: String?
    public var side: OrderSide?
    public var qty: Double?
    public var price: Double?
    /// Cumulative filled quantity (≥ 0).
    public var filled: Double?
    /// Average fill price (> 0).
    public var average: Double?
    public var status: String?
    public var oid: String?
    public var cid: String?
    public var positionID: String?
    public var orderType: String?
    /// Failure markers, raw (top level only).
    public var error: JSONValue?
    public var errorCode: JSONValue?
    public var errorMsg: JSONValue?
    public var action: String?
    /// Client time as sent (`ts_ns`, `ts` or `timestamp`); `tsNs` converts it by magnitude.
    public var ts: Double?
    /// `ts` exactly, when it was sent as an integer (ns values exceed a double's 53 bits).
    public var tsInteger: Int64?
    public var pnlUsdt: Double?
    public var decisionID: String?
    public var rewardTag: String?
    public var governanceGate: String?
    /// Every close marker (`close`, `reduceOnly`, `reduce_only`) found at the top level, in `response` and in
    /// `response.info`.
    public var closeMarkers: [Bool]
    /// Known fields present but unusable, in the order of the §5.1 table.
    public var ignoredFields: [String]
    /// The payload as received.
    public var payload: JSONObject

    /// §5.2: failed when a failure marker is truthy; success when the status says filled or `filled > 0`.
    public var classification: Classification {
        if [error, errorCode, errorMsg].contains(where: { $0.map(Self.isTruthy) ?? false }) { return .failed }
        let filledStatuses = ["filled", "partially_filled", "partial", "closed"]
        if let status, filledStatuses.contains(Coercion.trimmed(status).lowercased()) { return .success }
        if let filled, filled > 0 { return .success }
        return .neither
    }

    /// §5.3: `action` is `close` (case-insensitive) or any close marker is `true`.
    public var isClose: Bool {
        action.map { Coercion.trimmed($0).lowercased() == "close" } == true || closeMarkers.contains(true)
    }

    /// The fill price of the report: `average`, else `price`.
    public var fillPrice: Double? { average ?? price }

    /// `ts` in ns since the epoch: > 1e18 is ns, > 1e15 µs, > 1e12 ms, else s; nil when absent or out of range.
    public var tsNs: Int64? {
        if let i = tsInteger, i >= 0 {
            let factor: Int64 =
                if i > 1_000_000_000_000_000_000 { 1 } else if i > 1_000_000_000_000_000 { 1_000 }
                else if i > 1_000_000_000_000 { 1_000_000 } else { 1_000_000_000 }
            let (ns, overflow) = i.multipliedReportingOverflow(by: factor)
            return overflow ? nil : ns
        }
        guard let ts, ts.isFinite, ts >= 0 else { return nil }
        let ns: Double =
            if ts > 1e18 { ts } else if ts > 1e15 { ts * 1e3 } else if ts > 1e12 { ts * 1e6 } else { ts * 1e9 }
        return ns < 9.2e18 ? Int64(ns) : nil
    }

    /// Present and not `null`, `false`, `0`, `""`, `[]` or `{}`.
    public static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty
        case .array(let a): !a.isEmpty
        case .object(let o): !o.isEmpty
        }
    }
}
