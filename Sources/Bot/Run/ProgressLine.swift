/// The progress line of bot.md §11: rewritten in place at most once per wall-clock second, on a TTY only.
struct ProgressLine {
    private let write: (String) -> Void
    private var lastNs: Int64 = 0
    private(set) var shown = false

    init(write: @escaping (String) -> Void) { self.write = write }

    static func render(
        tick: Int64, symbol: String, mid: Double, spreadBps: Double, score: Double, position: Double,
        summary: RunSummary
    ) -> String {
        func f(_ x: Double, _ places: Int) -> String { Number.fixed(x, places: places) }
        func signed(_ x: Double, _ places: Int) -> String { (x >= 0 ? "+" : "") + f(x, places) }
        return "tick \(tick)  \(symbol) \(f(mid, 1)) spr \(f(spreadBps, 1))bp score \(signed(score, 2))  "
            + "pos \(signed(position, 3))  ord \(summary.ordersPlaced) fill \(summary.ordersFilled) "
            + "rej \(summary.ordersRejected)  deny \(summary.gateDeny)  pnl \(signed(summary.pnlRealisedUsdt, 2))  "
            + "gate p99 \(f(summary.rttP99, 2))ms"
    }

    mutating func update(_ text: @autoclosure () -> String, nowNs: Int64) {
        guard nowNs - lastNs >= 1_000_000_000 else { return }
        lastNs = nowNs
        shown = true
        write("\r" + text())
    }

    mutating func erase() {
        guard shown else { return }
        write("\r\u{1B}[K")
        shown = false
    }
}

/// Fixed-point rendering without Foundation.
enum Number {
    static func fixed(_ x: Double, places: Int) -> String {
        guard x.isFinite else { return "nan" }
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        let scaled = (abs(x) * factor).rounded()
        let whole = Int64(scaled / factor)
        var fraction = String(Int64(scaled) - whole * Int64(factor))
        while fraction.count < places { fraction = "0" + fraction }
        let sign = x < 0 && scaled > 0 ? "-" : ""
        return places == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    /// At least `width` digits: `42` → `000042`.
    static func padded(_ n: Int, width: Int) -> String {
        var s = String(n)
        while s.count < width { s = "0" + s }
        return s
    }
}
