import Codec
public import RuleEngine

/// The result of an OPS action: the HTTP answer, the events to record and how the action treats state-file failures
/// (http-api.md §6.4).
public struct OpsOutcome: Sendable {
    public enum Effect: Sendable, Hashable {
        /// Read-only: takes no `seq`, writes nothing.
        case readOnly
        /// Applies in memory even when the records or the state file cannot be written (halt, reduce, disarm, cooloff).
        case tightening
        /// Changes nothing unless the records and the state file can be written (resume, arm, reset, risk_set, rotate).
        case loosening
    }

    public var status: Int
    public var body: [UInt8]
    public var events: [RuleEvent]
    public var effect: Effect
    /// Persisted state changed: the state file must be written before the answer.
    public var persistsState: Bool

    public init(status: Int, body: [UInt8], events: [RuleEvent] = [], effect: Effect, persistsState: Bool = false) {
        self.status = status
        self.body = body
        self.events = events
        self.effect = effect
        self.persistsState = persistsState
    }

    static func detail(_ status: Int, _ text: String, effect: Effect = .readOnly) -> OpsOutcome {
        var writer = JSONWriter()
        writer.write(.object(JSONObject([("detail", .string(text))])))
        return OpsOutcome(status: status, body: writer.bytes, effect: effect)
    }

    static func ok(_ fields: [(String, JSONValue)], events: [RuleEvent] = [], effect: Effect,
                   persistsState: Bool = false) -> OpsOutcome {
        var writer = JSONWriter()
        writer.write(.object(JSONObject([("status", .string("ok"))] + fields)))
        return OpsOutcome(status: 200, body: writer.bytes, events: events, effect: effect, persistsState: persistsState)
    }
}
