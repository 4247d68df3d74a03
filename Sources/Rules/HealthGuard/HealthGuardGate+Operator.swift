import Codec
import RuleEngine
import Synchronization

extension HealthGuardGate: OperatorControlled {
    /// `POST /ops/cooloff/{sec}` raises the rule's manual cooloff (never lowers it; `sec ≤ 0` changes nothing) and
    /// returns `AURORA.COOL_OFF {until, sec}` with `until` the manual cooloff's end in epoch seconds (0.0 when none),
    /// for the host to answer with and record once. `POST /ops/reset` returns every scope to OK, clears the manual
    /// cooloff and returns no event (the host records `OPS.RESET` with the status snapshot).
    func apply(_ command: OperatorCommand, now: WallTime) -> [RuleEvent]? {
        switch command {
        case .cooloff(let seconds):
            let until = store.store.withLock { store in
                if seconds > 0 {
                    let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
                    let end = overflow ? Int64.max : now.ms.addingReportingOverflow(product).partialValue
                    store.manualCooloffUntil = max(store.manualCooloffUntil, end)
                }
                return store.manualCooloffUntil
            }
            return [RuleEvent(code: "AURORA.COOL_OFF", level: "WARNING", details: JSONObject([
                ("until", .double(Double(until) / 1000)), ("sec", .int(seconds)),
            ]))]
        case .reset:
            store.store.withLock { store in
                store.manualCooloffUntil = 0
                store.scopes.mutateAll { $0.reset() }
            }
            return []
        }
    }
}
