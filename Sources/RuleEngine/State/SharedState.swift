import Synchronization

/// Process-wide state shared by several rule types (gates.md §2): the trading state, the armed flag, the position
/// book and the runtime risk overrides. Never part of a rule set and never touched by a reload; persisted by the host.
/// Every read and update is atomic under one mutex; the decision path only reads snapshots.
public final class SharedState: Sendable {
    /// Everything this object holds, as plain values (what the state file stores).
    public struct Values: Sendable, Hashable {
        public var trading: TradingStatus = .initial
        public var armed: Bool = true
        public var positions: [Symbol: Position] = [:]
        /// `POST /risk/set` values by `risk_caps` param name.
        public var riskOverrides: [String: Double] = [:]
        /// Realised PnL of the current UTC day (informational).
        public var dailyPnlUsdt: Double = 0
        public var dailyPnlDay: String = ""
        public init() {}
    }

    private let values: Mutex<Values>

    public init(_ initial: Values = Values()) { values = Mutex(initial) }

    public var snapshot: Values { values.withLock { $0 } }
    public var trading: TradingStatus { values.withLock { $0.trading } }
    public var armed: Bool { values.withLock { $0.armed } }
    public var riskOverrides: [String: Double] { values.withLock { $0.riskOverrides } }
    public func position(for symbol: Symbol) -> Position? { values.withLock { $0.positions[symbol] } }

    /// Applies `change` atomically and returns its result.
    @discardableResult
    public func update<R: Sendable>(_ change: (inout Values) -> R) -> R { values.withLock { change(&$0) } }

    /// Replaces everything (state file load, test setup).
    public func replace(with next: Values) { values.withLock { $0 = next } }
}
