/// An immutable, validated rule set: the pipeline, its identity, and the capabilities the host calls into.
/// Built only by `RuleSetLoader`; swapped atomically on reload.
public final class CompiledRuleSet: Sendable {
    public let identity: RuleSetIdentity
    public let pipeline: Pipeline
    /// The state of every stateful rule, by `(id, type)`: handed to the next rule set on reload.
    public let states: [RuleKey: any RuleState]
    /// Includes per root file, for `aurora check`.
    public let includeCounts: [String: Int]

    init(identity: RuleSetIdentity, pipeline: Pipeline, states: [RuleKey: any RuleState], includeCounts: [String: Int]) {
        self.identity = identity
        self.pipeline = pipeline
        self.states = states
        self.includeCounts = includeCounts
    }

    public var steps: [PipelineStep] { pipeline.steps }

    /// Evaluates one request on this rule set.
    public func evaluate(_ context: RuleContext) -> Decision {
        pipeline.evaluate(context, ruleSet: identity)
    }

    public func evaluate(_ context: RuleContext, clock: some Clock<Duration>) -> Decision {
        pipeline.evaluate(context, ruleSet: identity, clock: clock)
    }

    /// Tells every non-off rule with a posttrade hook about a report (after the position book was updated); each
    /// step uses the instance that matches the report's symbol and `accountMode`.
    public func observe(_ report: TradeReport, accountMode: String, shared: SharedState,
                        now: WallTime) -> [Decision.Event] {
        var events: [Decision.Event] = []
        for step in pipeline.steps where step.mode != .off {
            let rule = step.select(symbol: report.symbol, accountMode: accountMode).rule
            guard let observer = rule as? any TradeObserver else { continue }
            for event in observer.observe(report, mode: step.mode, shared: shared, now: now) {
                events.append(Decision.Event(rule: step.key, event: event))
            }
        }
        return events
    }

    /// Applies an operator command to every rule it is for (off rules too: they keep state for their successor).
    /// Returns nil when no rule of the set takes the command (the host answers 409).
    public func apply(_ command: OperatorCommand, now: WallTime) -> [Decision.Event]? {
        var events: [Decision.Event]?
        for step in pipeline.steps {
            guard let controller = step.base as? any OperatorControlled,
                let produced = controller.apply(command, now: now)
            else { continue }
            events = (events ?? []) + produced.map { Decision.Event(rule: step.key, event: $0) }
        }
        return events
    }
}
