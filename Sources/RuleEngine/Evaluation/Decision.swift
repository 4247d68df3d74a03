public import Codec

/// The outcome of one pipeline evaluation (gates.md §1.6), before any transport encoding.
public struct Decision: Sendable {
    /// An event with the rule that produced it (nil for pipeline-level events).
    public struct Event: Sendable {
        public var rule: RuleKey
        public var event: RuleEvent
    }

    public var allow: Bool
    public var reason: ReasonCode
    public var decidedBy: RuleKey?
    public var hard: Bool
    public var cooldownMs: Int64
    public var riskScale: Double
    public var maxQty: Double
    public var quotas: Quotas
    /// The trading-state change this request's evaluation caused (a daily-drawdown latch), if any.
    public var latched: TradingTransition?
    /// Every failed check (enforce and shadow), pipeline order, without repeats.
    public var reasons: [String]
    public var diagnostics: [String]
    public var trace: DecisionTrace
    public var events: [Event]
    /// `observability` sections filled by rules (`risk`, `trap`, `sprt`).
    public var sections: [String: JSONValue]
    public var ruleSet: RuleSetIdentity
    public var context: RuleContext
    var commits: [any CommitObserver]

    /// Runs the commit hooks (gates.md §1.8). Call once, after a final allow whose records were written; does
    /// nothing for a deny.
    public func commit() {
        guard allow else { return }
        for observer in commits { observer.commit(context) }
    }

    /// Turns the decision into the hard `log_unavailable` deny (http-api.md §4.7); commits nothing afterwards.
    public mutating func failForLogUnavailable() {
        allow = false
        reason = .logUnavailable
        decidedBy = nil
        hard = true
        cooldownMs = 0
        maxQty = 0
        if !reasons.contains(ReasonCode.logUnavailable.rawValue) { reasons.append(ReasonCode.logUnavailable.rawValue) }
        commits = []
    }
}
