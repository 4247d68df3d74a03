import Synchronization

/// Process-wide state shared by several rule types (gates.md §2): the trading state, the armed flag, the position
/// book, the runtime risk overrides and the day's realised PnL. Never part of a rule set and never touched by a
/// reload; persisted by the host. Every read and update is atomic under one mutex, so concurrent requests, reports
/// and operator actions are applied in the order they take it; the decision path only reads snapshots.
public final class SharedState: Sendable {
    /// Everything that is persisted, as plain values (what the state file stores, observability.md §9).
    public struct Values: Sendable, Hashable {
        public var trading: TradingStatus = .initial
        public var armed: Bool = true
        /// Open positions by canonical symbol; a flat symbol has no entry.
        public var positions: [Symbol: Position] = [:]
        public var riskOverrides = RiskOverrides()
        /// The realised PnL of the last UTC day a report booked PnL on.
        public var daily = DailyPnl()
        public init() {}
    }

    /// Values plus what is kept in memory only (the fill de-duplication map, http-api.md §5.4).
    struct Storage: Sendable {
        var values: Values
        var fills = FillLedger()
    }

    let storage: Mutex<Storage>

    public init(_ initial: Values = Values()) { storage = Mutex(Storage(values: initial)) }

    public var snapshot: Values { storage.withLock { $0.values } }
    public var trading: TradingStatus { storage.withLock { $0.values.trading } }
    public var armed: Bool { storage.withLock { $0.values.armed } }
    public var riskOverrides: RiskOverrides { storage.withLock { $0.values.riskOverrides } }
    public func position(for symbol: Symbol) -> Position? { storage.withLock { $0.values.positions[symbol] } }
    /// Open positions sorted by symbol (byte order), as `GET /ops/state` and the state file list them.
    public var positions: [(symbol: Symbol, position: Position)] {
        storage.withLock { $0.values.positions }.sorted { $0.key.rawValue.utf8.lexicographicallyPrecedes($1.key.rawValue.utf8) }
            .map { (symbol: $0.key, position: $0.value) }
    }
    /// The day's realised PnL as of `now` (a new UTC day reads 0).
    public func daily(at now: WallTime) -> DailyPnl { storage.withLock { $0.values.daily.rolled(to: now) } }

    /// Applies `change` to the persisted values atomically and returns its result.
    @discardableResult
    public func update<R: Sendable>(_ change: (inout Values) -> R) -> R { storage.withLock { change(&$0.values) } }

    /// Replaces every persisted value (state file load, test setup); the fill de-duplication map starts empty.
    public func replace(with next: Values) { storage.withLock { $0 = Storage(values: next) } }

    /// `POST /aurora/arm` and `/aurora/disarm` (gates.md §2.2); returns whether the flag changed.
    @discardableResult
    public func setArmed(_ armed: Bool) -> Bool {
        storage.withLock { storage in
            defer { storage.values.armed = armed }
            return storage.values.armed != armed
        }
    }
}
