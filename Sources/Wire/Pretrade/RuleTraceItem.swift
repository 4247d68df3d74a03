public import Codec

/// One item of the compact trace (`observability.rules`, http-api.md §4.4), also written in `POLICY.DECISION`.
public struct RuleTraceItem: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable {
        case pass, deny, skip
        case shadowDeny = "shadow_deny"
        case notEvaluated = "not_evaluated"
    }

    public var id: String
    public var type: String
    /// `enforce` or `shadow`.
    public var mode: String
    public var verdict: Verdict
    /// Written when present: on deny, shadow_deny, skip, and a pass after an error.
    public var reason: String?
    public var measured: Double?
    public var threshold: Double?
    /// Microseconds in the rule; written rounded to 3 decimals, `0.0` for `not_evaluated`.
    public var us: Double

    public init(
        id: String, type: String, mode: String, verdict: Verdict, reason: String? = nil, measured: Double? = nil,
        threshold: Double? = nil, us: Double
    ) {
        self.id = id
        self.type = type
        self.mode = mode
        self.verdict = verdict
        self.reason = reason
        self.measured = measured
        self.threshold = threshold
        self.us = us
    }

    /// `us` rounded half up to 3 decimals (negative and non-finite values count as 0).
    public var roundedUs: Double {
        guard us.isFinite, us > 0 else { return 0 }
        if us >= 1e15 { return us }
        return Double(Int64(us * 1000 + 0.5)) / 1000
    }

    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id")
        writer.string(id)
        writer.field("type")
        writer.string(type)
        writer.field("mode")
        writer.string(mode)
        writer.field("verdict")
        writer.string(verdict.rawValue)
        if let reason {
            writer.field("reason")
            writer.string(reason)
        }
        if let measured {
            writer.field("measured")
            writer.double(measured)
        }
        if let threshold {
            writer.field("threshold")
            writer.double(threshold)
        }
        writer.field("us")
        writer.double(verdict == .notEvaluated ? 0 : roundedUs)
        writer.endObject()
    }
}
