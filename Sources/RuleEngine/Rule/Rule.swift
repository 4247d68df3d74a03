/// One configured rule of a pipeline: a gate type with its params, built once per load.
public protocol Rule: Sendable {
    /// Evaluates one request. Runs on an event-loop thread: must not block, sleep or do I/O. Throwing means the rule
    /// could not decide (the step's `on_error` applies) and implies that no state was changed. Stateful rules update
    /// their own state here ("evaluate" hook, gates.md §1.8) — also in shadow mode (`context.mode`).
    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict

    /// State carried across reloads by `(id, type)`; nil (the default) for stateless rules.
    var state: (any RuleState)? { get }
}

extension Rule {
    public var state: (any RuleState)? { nil }
}
