import RuleEngine

/// The reject-storm posttrade hook (gates.md §10): enforce-mode rules only.
extension GovernanceGate: TradeObserver {
    func observe(_ report: TradeReport, mode: RuleMode, shared: SharedState, now: WallTime) -> [RuleEvent] {
        guard mode == .enforce, report.outcome != .neither else { return [] }
        guard let trip = governance.record(ok: report.outcome == .success, now: now.ms,
                                           windowMs: config.rejectStormWindowMs, pct: config.rejectStormPct,
                                           minOrders: config.rejectStormMinOrders)
        else { return [] }
        let rate = Double(trip.failed) / Double(trip.total)
        let reason = "reject storm: \(trip.failed) of \(trip.total) reports failed within \(Format.fixed(config.rejectStormWindowS, 0)) s"
        let latch = TradingLatch(target: .halted, reason: reason, source: .rejectStorm, rejectRate: rate,
                                 windowTotal: Int64(trip.total))
        // While HALTED the trip only cleared the window: `latch` changes nothing and returns no events.
        return shared.latch(latch, now: now).events
    }
}
