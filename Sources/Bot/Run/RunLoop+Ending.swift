import Wire

extension RunLoop {
    /// Ending a run (§5): cancel resting orders, close positions with reason `shutdown` (at most 10 s of wall time),
    /// flush the outbox (2 s), fill in the summary's totals. A second stop request skips the closing and the flush.
    func end() {
        for symbol in config.symbols {
            guard let working = states[symbol]?.working else { continue }
            cancelEvents(working.order)
            var w = working
            let outcome = parts.exchange.cancel(working.order, nowMs: nowMs)
            apply(&w, outcome)
            finish(w, outcome)
        }
        if config.strategy.closeOnExit, !parts.stop.isUrgent, !fatal {
            let deadline = MonotonicClock.nowNs() + 10_000_000_000
            for symbol in config.symbols {
                var attempts = 0
                while let state = states[symbol], !state.position.isFlat, attempts < 5,
                    MonotonicClock.nowNs() < deadline, !parts.stop.isUrgent, !fatal, !parts.outbox.isFull
                {
                    attempts += 1
                    guard let update = state.lastUpdate, let signals = state.lastSignals else { break }
                    states[symbol]?.exitReason = "shutdown"
                    decide(
                        update: update, signals: signals, side: state.position.qty > 0 ? .sell : .buy,
                        qty: abs(state.position.qty), type: .market, reduceOnly: true, reason: "shutdown",
                        handoverNs: MonotonicClock.nowNs())
                    if let working = states[symbol]?.working {
                        var w = working
                        let outcome = parts.exchange.cancel(working.order, nowMs: nowMs)
                        apply(&w, outcome)
                        finish(w, outcome)
                    }
                }
            }
        }
        if !parts.stop.isUrgent { parts.outbox.flush(deadlineNs: MonotonicClock.nowNs() + 2_000_000_000) }
        summary.skips["md_errors"] = parts.source.errorCount
        summary.botTimeS = Math.rounded(Double(nowMs - (firstTs ?? nowMs)) / 1000, places: 3)
        summary.rttP50 = RunSummary.percentile(parts.gate.roundTrips, 50)
        summary.rttP99 = RunSummary.percentile(parts.gate.roundTrips, 99)
        summary.pnlUnrealisedUsdt = 0
        summary.positions = []
        var open: [String] = []
        for symbol in config.symbols {
            guard let state = states[symbol] else { continue }
            let qty = state.position.isFlat ? 0 : Math.rounded(state.position.qty, places: 12)
            summary.positions.append((symbol, qty))
            if qty != 0 { open.append("\(symbol) \(qty)") }
            if let mid = state.lastSignals?.mid { summary.pnlUnrealisedUsdt += state.position.unrealised(mid: mid) }
        }
        if !open.isEmpty { parts.warn("WiseScalp: positions still open: \(open.joined(separator: ", "))") }
        summary.posttradeSent = parts.outbox.sent
        summary.posttradePending = parts.outbox.pending.count
    }
}
