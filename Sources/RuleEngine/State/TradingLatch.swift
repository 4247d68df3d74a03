/// An automatic move of the trading state toward a more restrictive one, asked for by an enforce-mode governance
/// rule: a daily-drawdown latch (applied by the pipeline when the request's evaluation ends, gates.md §10 step 5)
/// or a reject storm (applied at once by the posttrade hook).
public struct TradingLatch: Sendable, Hashable {
    public var target: TradingState
    public var reason: String
    public var source: TradingChangeSource
    /// `AURORA.HALT.reject_rate` and `window_total` (reject storm only).
    public var rejectRate: Double?
    public var windowTotal: Int64?

    public init(target: TradingState, reason: String, source: TradingChangeSource, rejectRate: Double? = nil,
                windowTotal: Int64? = nil) {
        self.target = target
        self.reason = reason
        self.source = source
        self.rejectRate = rejectRate
        self.windowTotal = windowTotal
    }

    /// Whether the latch moves `current` (gates.md §2.1): only toward a more restrictive state, and a drawdown
    /// latch only from ACTIVE.
    public func applies(to current: TradingState) -> Bool {
        guard target.restrictiveness > current.restrictiveness else { return false }
        return source != .dailyDrawdown || current == .active
    }

    /// The most restrictive of several latches (the first one among equals), as one change.
    public static func strongest(_ latches: [TradingLatch]) -> TradingLatch? {
        var best: TradingLatch?
        for latch in latches where best == nil || latch.target.restrictiveness > best!.target.restrictiveness {
            best = latch
        }
        return best
    }
}
