/// The process-wide kill switch (gates.md §2.1).
public enum TradingState: String, Sendable, Hashable, CaseIterable {
    case active = "ACTIVE"
    case reducing = "REDUCING"
    case halted = "HALTED"

    /// 0 for ACTIVE, 1 for REDUCING, 2 for HALTED: automatic triggers only move up this order.
    public var restrictiveness: Int {
        switch self {
        case .active: 0
        case .reducing: 1
        case .halted: 2
        }
    }
}

/// What caused a trading-state change (`kill_switch.source`, `GOVERNANCE.STATE.source`).
public enum TradingChangeSource: String, Sendable, Hashable, CaseIterable {
    case ops
    case rejectStorm = "reject_storm"
    case dailyDrawdown = "daily_drawdown"
    case startup
}

/// The trading state with the change that entered it; `sinceMs`, `reason` and `source` are nil until the first
/// change (a fresh start).
public struct TradingStatus: Sendable, Hashable {
    public var state: TradingState
    public var sinceMs: Int64?
    public var reason: String?
    public var source: TradingChangeSource?

    public init(state: TradingState, sinceMs: Int64? = nil, reason: String? = nil, source: TradingChangeSource? = nil) {
        self.state = state
        self.sinceMs = sinceMs
        self.reason = reason
        self.source = source
    }

    /// A fresh start: ACTIVE, never changed.
    public static let initial = TradingStatus(state: .active)

    /// `kill_switch.latched`: true while HALTED.
    public var latched: Bool { state == .halted }
}
