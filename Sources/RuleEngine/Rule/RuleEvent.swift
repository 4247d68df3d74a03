public import Codec

/// An event a rule asks to be recorded (`SPREAD_GUARD_TRIP`, `HEALTH.LATENCY_HIGH`, …). Values only: the host
/// adds the record envelope (observability.md §3) and writes it with the decision's other records.
public struct RuleEvent: Sendable, Hashable {
    public var code: String
    public var level: String
    public var details: JSONObject
    public init(code: String, level: String = "WARNING", details: JSONObject = JSONObject()) {
        self.code = code
        self.level = level
        self.details = details
    }
}
