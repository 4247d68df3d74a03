/// The process-wide kill switch (gates.md §2.1).
public enum TradingState: String, Sendable, Hashable, CaseIterable {
    case active = "ACTIVE"
    case reducing = "REDUCING"
    case halted = "HALTED"
}

/// The trading state with the change that entered it.
public struct TradingStatus: Sendable, Hashable {
    public var state: TradingState
    public var sinceMs: Int64
    public var reason: String
    /// `ops`, `reject_storm`, `daily_drawdown`, `startup` (or `initial` before any change).
    public var source: String
    public init(state: TradingState, sinceMs: Int64, reason: String, source: String) {
        self.state = state
        self.sinceMs = sinceMs
        self.reason = reason
        self.source = source
    }
    public static let initial = TradingStatus(state: .active, sinceMs: 0, reason: "", source: "initial")
}
