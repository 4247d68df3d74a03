import Codec
import Dispatch
import RuleEngine
import Testing

/// http-api.md §5.4 fill accounting through `SharedState.apply(_:now:)`: cumulative fills per oid, closes toward zero,
/// flat below 1e−12, since_ms, average entry, exposure.
@Suite struct PositionBookTests {
    let btc = Symbol(canonicalizing: "BTCUSDT")!

    func fill(_ side: Side?, filled: Double?, price: Double = 100, oid: String? = nil, close: Bool = false,
              status: String? = nil, qty: Double? = nil, outcome: TradeReport.Outcome = .success) -> TradeReport {
        TradeReport(symbol: btc, side: side, outcome: outcome, isClose: close, orderId: oid, filled: filled, qty: qty,
                    fillPrice: price, status: status)
    }

    @Test("the http-api.md §5.7 fill opens a long with since_ms and exposure 1000.015")
    func exampleFill() {
        let shared = SharedState()
        let report = TradeReport(symbol: btc, side: .buy, outcome: .success, orderId: "8389765", filled: 0.01,
                                 qty: 0.01, fillPrice: 100001.5, status: "filled")
        let change = shared.apply(report, now: WallTime(ms: 1_767_605_400_360))
        #expect(change.fillDelta == 0.01)
        #expect(change.before == nil)
        #expect(change.after == Position(qty: 0.01, sinceMs: 1_767_605_400_360, lastFillPrice: 100001.5,
                                         averageEntryPrice: 100001.5))
        // 0.01 × 100001.5 in doubles (python3 -c 'print(0.01*100001.5)' → 1000.015)
        #expect(change.exposureUsdt == 1000.015)
        #expect(shared.position(for: btc)?.qty == 0.01)
    }

    /// Each row: the reports applied in order at t = 1000, 2000, … and the position qty after each.
    @Test("position qty after each report", arguments: [
        ("re-posting the same cumulative fill changes nothing",
         [("buy", 0.5, "A", false), ("buy", 0.5, "A", false)], [0.5, 0.5]),
        ("cumulative fills of one oid apply only their increase",
         [("buy", 0.2, "A", false), ("buy", 0.5, "A", false), ("buy", 0.4, "A", false)], [0.2, 0.5, 0.5]),
        ("without an oid the whole fill is the delta",
         [("buy", 0.2, "-", false), ("buy", 0.2, "-", false)], [0.2, 0.4]),
        ("a sell larger than the long flips it",
         [("buy", 1.0, "A", false), ("sell", 1.5, "B", false)], [1.0, -0.5]),
        ("a close stops at zero whatever its size and side",
         [("buy", 1.0, "A", false), ("buy", 3.0, "B", true)], [1.0, 0]),
        ("a partial close moves toward zero",
         [("sell", 1.0, "A", false), ("buy", 0.25, "B", true)], [-1.0, -0.75]),
        ("a close without a side flattens",
         [("buy", 1.0, "A", false), ("none", 0.1, "B", true)], [1.0, 0]),
        ("a close without a known fill flattens",
         [("buy", 1.0, "A", false), ("buy", -1, "B", true)], [1.0, 0]),
        ("a fill without a side changes nothing",
         [("none", 1.0, "A", false)], [0]),
        ("a remainder below 1e-12 is flat",
         [("buy", 1.0, "A", false), ("sell", 1.0 - 1e-13, "B", false)], [1.0, 0]),
    ] as [(String, [(String, Double, String, Bool)], [Double])])
    func book(_ name: String, reports: [(String, Double, String, Bool)], expected: [Double]) {
        let shared = SharedState()
        var after: [Double] = []
        for (index, (side, filled, oid, close)) in reports.enumerated() {
            let report = fill(Side(canonicalizing: side), filled: filled < 0 ? nil : filled,
                              oid: oid == "-" ? nil : oid, close: close)
            after.append(shared.apply(report, now: WallTime(ms: Int64(index + 1) * 1000)).positionQty)
        }
        #expect(after == expected, "\(name)")
        #expect((shared.position(for: btc)?.qty ?? 0) == expected.last)
    }

    @Test("since_ms is kept while the position grows or shrinks and reset on a flip")
    func sinceMs() {
        let shared = SharedState()
        _ = shared.apply(fill(.buy, filled: 1, oid: "A"), now: WallTime(ms: 10))
        _ = shared.apply(fill(.buy, filled: 1, oid: "B"), now: WallTime(ms: 20))
        _ = shared.apply(fill(.sell, filled: 0.5, oid: "C"), now: WallTime(ms: 30))
        #expect(shared.position(for: btc)?.sinceMs == 10)
        _ = shared.apply(fill(.sell, filled: 2, oid: "D"), now: WallTime(ms: 40))
        #expect(shared.position(for: btc)?.sinceMs == 40)
        #expect(shared.position(for: btc)?.qty == -0.5)
    }

    @Test("average entry weights increasing fills; exposure uses the last fill price")
    func averageAndExposure() {
        let shared = SharedState()
        _ = shared.apply(fill(.buy, filled: 1, price: 100, oid: "A"), now: WallTime(ms: 1))
        _ = shared.apply(fill(.buy, filled: 3, price: 200, oid: "B"), now: WallTime(ms: 2))
        // (1·100 + 3·200) / 4 = 175 exactly.
        #expect(shared.position(for: btc)?.averageEntryPrice == 175)
        let change = shared.apply(fill(.sell, filled: 2, price: 150, oid: "C"), now: WallTime(ms: 3))
        #expect(change.after?.averageEntryPrice == 175)
        #expect(change.after?.lastFillPrice == 150)
        #expect(change.exposureUsdt == 300)
    }

    @Test("status filled or closed without `filled` uses qty; other statuses leave the fill unknown")
    func cumulativeFromQty() {
        let shared = SharedState()
        let filled = shared.apply(fill(.buy, filled: nil, oid: "A", status: "FILLED", qty: 2), now: WallTime(ms: 1))
        #expect(filled.cumulativeFill == 2 && filled.positionQty == 2)
        let partial = shared.apply(fill(.buy, filled: nil, oid: "B", status: "partial", qty: 5), now: WallTime(ms: 2))
        #expect(partial.cumulativeFill == nil && partial.positionQty == 2 && !partial.positionChanged)
    }

    @Test("failed and neither reports book no fill; a failed report books no PnL", arguments: [
        TradeReport.Outcome.failed, .neither,
    ])
    func onlySuccessBooks(outcome: TradeReport.Outcome) {
        let shared = SharedState()
        var report = fill(.buy, filled: 1, oid: "A", outcome: outcome)
        report.pnlUsdt = 5
        let change = shared.apply(report, now: WallTime(ms: 1_767_605_400_360))
        #expect(change.after == nil)
        #expect(change.daily.realisedPnlUsdt == (outcome == .failed ? 0 : 5))
    }

    @Test("daily PnL adds up within a UTC day and restarts on the next")
    func dailyPnl() {
        let shared = SharedState()
        var report = TradeReport(symbol: nil, side: nil, outcome: .neither)
        report.pnlUsdt = 2.5
        let day1 = WallTime(ms: 1_767_571_200_000)  // 2026-01-05T00:00:00Z
        _ = shared.apply(report, now: day1)
        let second = shared.apply(report, now: day1.adding(ms: 86_399_999))
        #expect(second.daily == DailyPnl(day: "2026-01-05", realisedPnlUsdt: 5))
        #expect(shared.daily(at: day1.adding(ms: 86_400_000)) == DailyPnl(day: "2026-01-06", realisedPnlUsdt: 0))
        let third = shared.apply(report, now: day1.adding(ms: 86_400_000))
        #expect(third.daily == DailyPnl(day: "2026-01-06", realisedPnlUsdt: 2.5))
    }

    /// Expected days from python3 `datetime.fromtimestamp(ms/1000, UTC).strftime('%Y-%m-%d')`.
    @Test("UTC day of epoch milliseconds", arguments: [
        (Int64(0), "1970-01-01"), (1_767_605_400_360, "2026-01-05"), (-1, "1969-12-31"),
        (951_782_400_000, "2000-02-29"), (4_102_444_799_999, "2099-12-31"),
    ])
    func utcDay(ms: Int64, day: String) {
        #expect(DailyPnl.utcDay(WallTime(ms: ms)) == day)
    }

    @Test("positions are listed by symbol in byte order")
    func listing() {
        let shared = SharedState()
        for name in ["ETHUSDT", "BTCUSDT", "ADAUSDT"] {
            let report = TradeReport(symbol: Symbol(canonicalizing: name), side: .buy, outcome: .success, filled: 1,
                                     fillPrice: 1)
            _ = shared.apply(report, now: WallTime(ms: 1))
        }
        #expect(shared.positions.map(\.symbol.rawValue) == ["ADAUSDT", "BTCUSDT", "ETHUSDT"])
    }

    @Test("the fill de-duplication map keeps the 65,536 most recent oids")
    func ledgerBound() {
        let shared = SharedState()
        for i in 0...65_536 {
            _ = shared.apply(fill(.buy, filled: 1, price: 1, oid: "o\(i)"), now: WallTime(ms: 1))
        }
        #expect(shared.position(for: btc)?.qty == 65_537)
        // o0 was evicted: its re-post counts again; o65536 is still remembered.
        _ = shared.apply(fill(.buy, filled: 1, price: 1, oid: "o65536"), now: WallTime(ms: 2))
        #expect(shared.position(for: btc)?.qty == 65_537)
        _ = shared.apply(fill(.buy, filled: 1, price: 1, oid: "o0"), now: WallTime(ms: 3))
        #expect(shared.position(for: btc)?.qty == 65_538)
    }

    @Test("concurrent reports are each applied once, atomically")
    func concurrentReports() {
        let shared = SharedState()
        DispatchQueue.concurrentPerform(iterations: 1000) { i in
            _ = shared.apply(fill(i % 2 == 0 ? .buy : .sell, filled: 2, price: 10, oid: "c\(i)"),
                             now: WallTime(ms: Int64(i)))
            _ = shared.apply(fill(.buy, filled: 1, price: 10, oid: "b\(i)"), now: WallTime(ms: Int64(i)))
        }
        #expect(shared.position(for: btc)?.qty == 1000)
    }
}
