import Synchronization

/// The position book and daily PnL updates of one posttrade report (http-api.md §5.4 steps 1–2, gates.md §2.3).
extension SharedState {
    /// Applies `report` (already classified by the host) at server receive time `now`:
    /// 1. fill accounting, for a success with a symbol: the cumulative fill `F` (`filled`, else `qty` when the
    ///    status is `filled` or `closed`), its delta against the largest `F` already applied for the oid, the signed
    ///    move (a close only toward zero, flattening when its delta or side is unknown), flat below 1e−12,
    ///    `since_ms` on open or flip, the volume-weighted entry price of increasing fills, the last fill price;
    /// 2. daily PnL, for a report that is not failed: `pnl_usdt` added to the current UTC day.
    /// The caller applies the rest of §5.4 (rule posttrade hooks, the ack tracker) afterwards.
    public func apply(_ report: TradeReport, now: WallTime) -> PositionChange {
        storage.withLock { storage in
            var change = PositionChange(symbol: report.symbol, daily: storage.values.daily)
            if report.outcome == .success, let symbol = report.symbol {
                Self.book(report, symbol: symbol, now: now, storage: &storage, change: &change)
            }
            if report.outcome != .failed, let pnl = report.pnlUsdt, pnl.isFinite {
                var daily = storage.values.daily.rolled(to: now)
                daily.realisedPnlUsdt += pnl
                storage.values.daily = daily
                change.pnlBooked = true
            }
            change.daily = storage.values.daily
            return change
        }
    }

    private static func book(_ report: TradeReport, symbol: Symbol, now: WallTime, storage: inout Storage,
                             change: inout PositionChange) {
        let status = report.status?.trimmingASCIIWhitespace().lowercased()
        var cumulative = report.filled
        if cumulative == nil, status == "filled" || status == "closed" { cumulative = report.qty }
        change.cumulativeFill = cumulative
        let delta = cumulative.map { storage.fills.delta(cumulative: $0, oid: report.orderId) }
        change.fillDelta = delta

        let before = storage.values.positions[symbol]
        change.before = before
        change.after = before
        let qty = before?.qty ?? 0
        var next: Double
        if report.isClose {
            if let delta, report.side != nil {
                next = qty > 0 ? max(0, qty - delta) : (qty < 0 ? min(0, qty + delta) : 0)
            } else {
                next = 0
            }
        } else {
            guard let delta, let side = report.side else { return }
            next = qty + side.sign * delta
        }
        if abs(next) < Position.flatBelow { next = 0 }
        guard next != qty else { return }

        let after: Position?
        if next == 0 {
            after = nil
        } else {
            let price = report.fillPrice ?? before?.lastFillPrice ?? 0
            if let before, (before.qty > 0) == (next > 0) {
                var grown = before
                grown.qty = next
                grown.lastFillPrice = price
                if abs(next) > abs(qty), let delta {
                    grown.averageEntryPrice = (abs(qty) * before.averageEntryPrice + delta * price) / (abs(qty) + delta)
                }
                after = grown
            } else {
                // Opened from flat, or flipped: the new position starts now at this fill's price.
                after = Position(qty: next, sinceMs: now.ms, lastFillPrice: price, averageEntryPrice: price)
            }
        }
        storage.values.positions[symbol] = after
        change.after = after
    }
}
