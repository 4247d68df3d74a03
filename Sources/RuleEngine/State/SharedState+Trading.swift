import Synchronization

/// The trading-state transitions of gates.md §2.1 and http-api.md §6.5.10–§6.5.12.
extension SharedState {
    /// `POST /ops/halt`: ACTIVE or REDUCING → HALTED (source `ops`); from HALTED a no-op that keeps the first
    /// reason. A blank or absent reason is `"ops"`.
    public func halt(reason: String?, now: WallTime) -> TradingTransition {
        let reason = Self.operatorReason(reason)
        return storage.withLock { storage in
            let previous = storage.values.trading.state
            guard previous != .halted else {
                return TradingTransition(previous: previous, current: previous, result: .unchanged)
            }
            storage.values.trading = TradingStatus(state: .halted, sinceMs: now.ms, reason: reason, source: .ops)
            return TradingTransition(previous: previous, current: .halted, result: .changed, events: [
                TradingTransition.stateEvent(from: previous, to: .halted, reason: reason, source: .ops),
                TradingTransition.haltEvent(reason: reason, source: .ops, rejectRate: nil, windowTotal: nil),
            ])
        }
    }

    /// `POST /ops/reduce`: ACTIVE → REDUCING (source `ops`); from REDUCING a no-op; from HALTED refused (409 with
    /// `TradingTransition.reduceWhileHaltedDetail`).
    public func reduce(reason: String?, now: WallTime) -> TradingTransition {
        let reason = Self.operatorReason(reason)
        return storage.withLock { storage in
            let previous = storage.values.trading.state
            switch previous {
            case .halted: return TradingTransition(previous: previous, current: previous, result: .refused)
            case .reducing: return TradingTransition(previous: previous, current: previous, result: .unchanged)
            case .active:
                storage.values.trading = TradingStatus(state: .reducing, sinceMs: now.ms, reason: reason, source: .ops)
                return TradingTransition(previous: previous, current: .reducing, result: .changed, events: [
                    TradingTransition.stateEvent(from: previous, to: .reducing, reason: reason, source: .ops)
                ])
            }
        }
    }

    /// `POST /ops/resume` with a (validated, non-blank) reason: HALTED or REDUCING → `to` (ACTIVE or REDUCING,
    /// source `ops`); from ACTIVE a no-op whatever `to` says, and REDUCING → REDUCING changes nothing either.
    /// `to: .halted` is refused (the wire layer only admits ACTIVE and REDUCING).
    public func resume(reason: String, to target: TradingState = .active, now: WallTime) -> TradingTransition {
        storage.withLock { storage in
            let previous = storage.values.trading.state
            guard target != .halted else {
                return TradingTransition(previous: previous, current: previous, result: .refused)
            }
            guard previous != .active, previous != target else {
                return TradingTransition(previous: previous, current: previous, result: .unchanged)
            }
            storage.values.trading = TradingStatus(state: target, sinceMs: now.ms, reason: reason, source: .ops)
            return TradingTransition(previous: previous, current: target, result: .changed, events: [
                TradingTransition.stateEvent(from: previous, to: target, reason: reason, source: .ops),
                TradingTransition.resumeEvent(reason: reason, to: target, previous: previous),
            ])
        }
    }

    /// An automatic latch (reject storm, daily drawdown): applied only when `latch.applies(to:)` the current state
    /// (toward more restriction; a drawdown only from ACTIVE). Entering HALTED also emits `AURORA.HALT`.
    public func latch(_ latch: TradingLatch, now: WallTime) -> TradingTransition {
        storage.withLock { storage in
            let previous = storage.values.trading.state
            guard latch.applies(to: previous) else {
                return TradingTransition(previous: previous, current: previous, result: .unchanged)
            }
            storage.values.trading = TradingStatus(state: latch.target, sinceMs: now.ms, reason: latch.reason,
                                                   source: latch.source)
            var events = [TradingTransition.stateEvent(from: previous, to: latch.target, reason: latch.reason,
                                                       source: latch.source)]
            if latch.target == .halted {
                events.append(TradingTransition.haltEvent(reason: latch.reason, source: latch.source,
                                                          rejectRate: latch.rejectRate, windowTotal: latch.windowTotal))
            }
            return TradingTransition(previous: previous, current: latch.target, result: .changed, events: events)
        }
    }

    /// A corrupt or unreadable state file at start (gates.md §2): HALTED with source `startup`; the events have
    /// `from` null (observability.md §3.5.2).
    public func haltAtStartup(reason: String, now: WallTime) -> TradingTransition {
        storage.withLock { storage in
            storage.values = Values()
            storage.values.trading = TradingStatus(state: .halted, sinceMs: now.ms, reason: reason, source: .startup)
            return TradingTransition(previous: .active, current: .halted, result: .changed, events: [
                TradingTransition.stateEvent(from: nil, to: .halted, reason: reason, source: .startup),
                TradingTransition.haltEvent(reason: reason, source: .startup, rejectRate: nil, windowTotal: nil),
            ])
        }
    }

    /// The reason of an optional-reason OPS action: trimmed; absent or blank → `"ops"`.
    static func operatorReason(_ reason: String?) -> String {
        let trimmed = reason?.trimmingASCIIWhitespace() ?? ""
        return trimmed.isEmpty ? "ops" : trimmed
    }
}
