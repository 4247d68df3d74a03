import Codec

/// What a trading-state operation did (gates.md §2.1, http-api.md §6.5.10–§6.5.12), with the events to record
/// (observability.md §3.5: `GOVERNANCE.STATE`, then `AURORA.HALT` or `AURORA.RESUME`). Events are present only
/// when the state changed.
public struct TradingTransition: Sendable, Hashable {
    public enum Result: String, Sendable, Hashable {
        /// The state changed (persist it, record the events).
        case changed
        /// A documented no-op: nothing changed, nothing to write.
        case unchanged
        /// Refused (`POST /ops/reduce` from HALTED: 409).
        case refused
    }

    public var previous: TradingState
    public var current: TradingState
    public var result: Result
    public var events: [RuleEvent]

    public init(previous: TradingState, current: TradingState, result: Result, events: [RuleEvent] = []) {
        self.previous = previous
        self.current = current
        self.result = result
        self.events = events
    }

    public var changed: Bool { result == .changed }

    /// The 409 text of `POST /ops/reduce` while HALTED (http-api.md §6.5.11).
    public static let reduceWhileHaltedDetail =
        "trading is HALTED; POST /ops/resume with \"to\":\"REDUCING\" to leave HALTED"

    static func stateEvent(from: TradingState?, to: TradingState, reason: String, source: TradingChangeSource)
        -> RuleEvent
    {
        RuleEvent(code: "GOVERNANCE.STATE", level: to == .halted ? "CRITICAL" : "WARNING", details: [
            "from": from.map { .string($0.rawValue) } ?? .null, "to": .string(to.rawValue),
            "reason": .string(reason), "source": .string(source.rawValue),
        ])
    }

    static func haltEvent(reason: String, source: TradingChangeSource, rejectRate: Double?, windowTotal: Int64?)
        -> RuleEvent
    {
        RuleEvent(code: "AURORA.HALT", level: "CRITICAL", details: [
            "reason": .string(reason), "source": .string(source.rawValue),
            "reject_rate": rejectRate.map { .double($0) } ?? .null, "window_total": windowTotal.map { .int($0) } ?? .null,
        ])
    }

    static func resumeEvent(reason: String, to: TradingState, previous: TradingState) -> RuleEvent {
        RuleEvent(code: "AURORA.RESUME", level: "INFO", details: [
            "reason": .string(reason), "to": .string(to.rawValue), "previous": .string(previous.rawValue),
        ])
    }
}
