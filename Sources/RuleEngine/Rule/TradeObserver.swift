/// A rule that learns from posttrade reports (`POST /posttrade/log`), after the position book was updated
/// (`SharedState.apply(_:now:)`, http-api.md §5.4). Runs on the thread handling the report; must not block.
public protocol TradeObserver: Sendable {
    /// `mode` is the rule's mode in the active set (never `off`); `shared` is the process-wide state (a reject storm
    /// latches it). Returns the events to record; a shadow-mode rule returns none.
    func observe(_ report: TradeReport, mode: RuleMode, shared: SharedState, now: WallTime) -> [RuleEvent]
}
