/// A rule that learns from posttrade reports (`POST /posttrade/log`), after the position book was updated.
public protocol TradeObserver: Sendable {
    /// `mode` is the rule's mode in the active set; returns the events to record.
    func observe(_ report: TradeReport, mode: RuleMode, now: WallTime) -> [RuleEvent]
}
