/// A rule that operator actions act on (`POST /ops/cooloff`, `/ops/reset`; gates.md §2.5).
public protocol OperatorControlled: Sendable {
    /// Applies `command`; returns the events to record, or nil when the command is not for this rule.
    func apply(_ command: OperatorCommand, now: WallTime) -> [RuleEvent]?
}
