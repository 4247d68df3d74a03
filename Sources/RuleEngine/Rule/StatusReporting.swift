public import Codec

/// A rule whose state the OPS side reports (`GET /ops/state`, `/readiness`, the snapshots of `POST /ops/reset` and
/// `/aurora/{mode}`; http-api.md §6.4): the view depends on the time and on process-wide state (the armed flag),
/// which `RuleState.snapshot()` does not see. Called on the step's base instance; must not block.
public protocol StatusReporting: Sendable {
    /// The rule's status at `now`, as a JSON value whose layout the rule type documents.
    func status(now: WallTime, shared: SharedState) -> JSONValue
}
